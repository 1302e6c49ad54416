package uk.co.omniops.shell.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Any unexpected failure during navigation: a friendly page with an incident id; the cause is logged. */
@PageTitle("Something went wrong · OmniOps")
@AnonymousAllowed
class ErrorView extends Div implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

    ErrorView() {
        setId("error-page");
        addClassName("omniops-error-page");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        var incident = UUID.randomUUID().toString().substring(0, 8);
        log.error(
                "Incident {} while opening /{}",
                incident,
                event.getLocation().getPath(),
                parameter.getCaughtException());
        removeAll();
        add(
                new H2("Something went wrong"),
                new Paragraph("We could not open this page. The problem is logged as incident " + incident
                        + "; please try again, and quote the incident number if it persists."),
                new Anchor("", "Go to your start page"));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}

package uk.co.omniops.shell.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/** 404: says what happened and offers a way back; never echoes the requested path as HTML. */
@PageTitle("Not found · OmniOps")
@AnonymousAllowed
class NotFoundView extends Div implements HasErrorParameter<NotFoundException> {

    NotFoundView() {
        setId("not-found");
        addClassName("omniops-error-page");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        add(
                new H2("Page not found"),
                new Paragraph("There is no page at /" + event.getLocation().getPath() + "."),
                new Anchor("", "Go to your start page"));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}

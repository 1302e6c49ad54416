package uk.co.omniops.shell.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/**
 * Catches every path no view claims. Vaadin 25's security denies unmatched URLs with an empty 403
 * (vaadin/flow#21831); a signed-in user who mistypes a URL should see a page that says so instead.
 */
@Route(":path*")
@PageTitle("Not found · OmniOps")
@PermitAll
class UnknownPathView extends Div implements BeforeEnterObserver {

    UnknownPathView() {
        setId("not-found");
        addClassName("omniops-error-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        add(
                new H2("Page not found"),
                new Paragraph("There is no page at /" + event.getLocation().getPath() + "."),
                new Anchor("", "Go to your start page"));
    }
}

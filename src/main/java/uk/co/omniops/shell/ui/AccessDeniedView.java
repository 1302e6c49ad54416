package uk.co.omniops.shell.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/** 403 for a signed-in user who opens a page their role does not include. */
@PageTitle("Access denied · OmniOps")
@AnonymousAllowed
class AccessDeniedView extends Div implements HasErrorParameter<AccessDeniedException> {

    AccessDeniedView() {
        setId("access-denied");
        addClassName("omniops-error-page");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        add(
                new H2("Access denied"),
                new Paragraph(
                        "Your role does not include this page. Ask your supervisor or an OmniOps admin if you need it."),
                new Anchor("", "Go to your start page"));
        return HttpServletResponse.SC_FORBIDDEN;
    }
}

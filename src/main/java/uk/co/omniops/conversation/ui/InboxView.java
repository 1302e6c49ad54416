package uk.co.omniops.conversation.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import uk.co.omniops.shell.ComingSoon;

/** The agents' inbox (placeholder until the conversations release). */
@Route("inbox")
@PageTitle("Inbox · OmniOps")
@Menu(order = 1, icon = "vaadin:inbox", title = "Inbox")
@RolesAllowed({"AGENT", "SUPERVISOR"})
class InboxView extends VerticalLayout {

    InboxView() {
        setId("inbox");
        add(new ComingSoon("Inbox", "Your queue of live conversations with sentiment, categories, suggested "
                + "replies and escalation alerts will appear here."));
    }
}

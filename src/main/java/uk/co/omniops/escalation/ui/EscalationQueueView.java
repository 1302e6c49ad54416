package uk.co.omniops.escalation.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import uk.co.omniops.shell.ComingSoon;

/** The supervisors' escalation desk (placeholder until the escalation release). */
@Route("escalations")
@PageTitle("Escalations · OmniOps")
@Menu(order = 2, icon = "vaadin:warning", title = "Escalations")
@RolesAllowed("SUPERVISOR")
class EscalationQueueView extends VerticalLayout {

    EscalationQueueView() {
        setId("escalations");
        add(new ComingSoon("Escalation desk", "Open escalations for your customer, newest and most severe first, "
                + "with acknowledge, assign and resolve, will appear here live."));
    }
}

package uk.co.omniops.rollout.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import uk.co.omniops.shell.ComingSoon;

/** The admins' rollout page (placeholder until the rollout release). */
@Route("admin/rollout")
@PageTitle("Rollout · OmniOps")
@Menu(order = 10, icon = "vaadin:flag", title = "Rollout")
@RolesAllowed("ADMIN")
class RolloutView extends VerticalLayout {

    RolloutView() {
        setId("rollout");
        add(new ComingSoon("Feature rollout", "Customers × AI features with rollout percentages, beta lists, "
                + "prerequisites, kill switches and the audit log will appear here."));
    }
}

package uk.co.omniops.insight.ui;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import uk.co.omniops.shell.ComingSoon;

/** The executive insights report (placeholder until the insights release). */
@Route("insights")
@PageTitle("Insights · OmniOps")
@Menu(order = 3, icon = "vaadin:chart", title = "Insights")
@RolesAllowed({"EXECUTIVE", "SUPERVISOR", "ADMIN"})
class InsightsView extends VerticalLayout {

    InsightsView() {
        setId("insights");
        add(new ComingSoon("Insights report", "Trends, category mix, escalations, predictions and emerging topics "
                + "for a period you choose, with export to CSV and PDF, will appear here."));
    }
}

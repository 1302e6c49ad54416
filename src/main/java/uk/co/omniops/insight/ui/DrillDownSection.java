package uk.co.omniops.insight.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import java.util.List;
import uk.co.omniops.insight.DrillDownRow;

/**
 * The conversations behind a figure: a title, a hint and a grid, placed at the foot of the report. Supervisors can
 * open a conversation from it.
 */
final class DrillDownSection {

    /** At most this many conversations are listed, the newest first. */
    static final int LIMIT = 200;

    private final H3 title = new H3();
    private final Paragraph hint = new Paragraph();
    private final Grid<DrillDownRow> grid = new Grid<>();
    private final boolean canOpen;

    DrillDownSection(boolean canOpen) {
        this.canOpen = canOpen;
        grid.setId("insight-drilldown");
        grid.addColumn(r -> InsightsCharts.TIME.format(r.startedAt()))
                .setHeader("Started")
                .setAutoWidth(true);
        grid.addColumn(DrillDownRow::contactName).setHeader("Contact").setAutoWidth(true);
        grid.addColumn(DrillDownRow::subject).setHeader("Subject").setFlexGrow(1);
        grid.addColumn(r -> r.category() == null ? "" : r.category())
                .setHeader("Category")
                .setAutoWidth(true);
        grid.addColumn(r -> r.averageSentiment() == null ? "–" : Math.round(r.averageSentiment() * 100) + " / 100")
                .setHeader("Sentiment")
                .setAutoWidth(true);
        grid.addColumn(r -> r.escalated() ? "Escalated" : "")
                .setHeader("Escalation")
                .setAutoWidth(true);
        grid.addColumn(DrillDownRow::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(DrillDownRow::firstCustomerMessage)
                .setHeader("First message")
                .setFlexGrow(2);
        if (canOpen) {
            grid.addItemClickListener(
                    e -> UI.getCurrent().navigate("inbox/" + e.getItem().conversationId()));
        }
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No conversations match.");
    }

    /** The section's parts, in page order. */
    Component[] components() {
        return new Component[] {title, hint, grid};
    }

    void clear() {
        title.setText("Conversations behind a figure");
        hint.setText("Click a bar, a point, a category or a topic to list the conversations behind it.");
        grid.setItems(List.of());
        grid.setVisible(false);
    }

    void show(String heading, List<DrillDownRow> rows) {
        title.setText(heading);
        hint.setText(
                rows.size() >= LIMIT
                        ? "The newest " + LIMIT + " conversations."
                        : rows.size()
                                + (rows.size() == 1 ? " conversation." : " conversations.")
                                + (canOpen ? " Click one to open it." : ""));
        grid.setItems(rows);
        grid.setVisible(true);
        title.scrollIntoView();
    }
}

package uk.co.omniops.insight.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.Locale;
import java.util.function.Consumer;
import uk.co.omniops.insight.InsightReport;

/** The report's topics and emerging issues; clicking a topic asks for the conversations that mention it. */
class TopicsGrid extends Grid<InsightReport.Topic> {

    TopicsGrid(Consumer<InsightReport.Topic> onClick) {
        setId("insight-topics");
        addComponentColumn(TopicsGrid::phrase)
                .setHeader("Topic")
                .setAutoWidth(true)
                .setFlexGrow(0);
        addColumn(InsightReport.Topic::count).setHeader("Mentions").setAutoWidth(true);
        addColumn(InsightReport.Topic::previousCount).setHeader("Previous").setAutoWidth(true);
        addColumn(t -> String.format(Locale.UK, "×%.1f", t.growth()))
                .setHeader("Growth")
                .setAutoWidth(true);
        addColumn(t -> t.examples().isEmpty()
                        ? ""
                        : "“" + t.examples().getFirst().text() + "”")
                .setHeader("Example")
                .setFlexGrow(2);
        setAllRowsVisible(true);
        addItemClickListener(e -> onClick.accept(e.getItem()));
        setEmptyStateText("No topics extracted for this period yet.");
    }

    private static HorizontalLayout phrase(InsightReport.Topic topic) {
        var cell = new HorizontalLayout(new Span(topic.phrase()));
        cell.setSpacing(true);
        if (topic.emerging()) {
            var badge = new Span("Emerging");
            badge.getElement().getThemeList().add("badge error small");
            badge.getStyle().set("flex-shrink", "0");
            cell.add(badge);
        }
        return cell;
    }
}

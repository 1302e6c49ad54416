package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.conversation.Priority;

/**
 * The inbox's filters (status, priority, sentiment) and sort. The sentiment filter and the "most negative" sort are
 * there only while sentiment analysis is on for the customer.
 */
class InboxFilters extends Div {

    /** Which statuses the inbox lists. */
    enum StatusFilter {
        ACTIVE("Open & pending", Set.of(ConversationStatus.OPEN, ConversationStatus.PENDING)),
        OPEN("Open", Set.of(ConversationStatus.OPEN)),
        PENDING("Pending", Set.of(ConversationStatus.PENDING)),
        RESOLVED("Resolved", Set.of(ConversationStatus.RESOLVED)),
        ANY("All statuses", Set.of());

        final String label;
        final Set<ConversationStatus> statuses;

        StatusFilter(String label, Set<ConversationStatus> statuses) {
            this.label = label;
            this.statuses = statuses;
        }
    }

    private final Select<StatusFilter> status = new Select<>();
    private final Select<Priority> priority = new Select<>();
    private final Select<InboxQuery.Sort> sort = new Select<>();
    private final Select<String> sentiment = new Select<>();

    /** @param changed runs when the agent changes a filter or the sort */
    InboxFilters(Runnable changed) {
        status.setItems(StatusFilter.values());
        status.setItemLabelGenerator(f -> f.label);
        status.setValue(StatusFilter.ACTIVE);
        status.setId("status-filter");
        status.setLabel("Status");

        priority.setItems(Priority.values());
        priority.setEmptySelectionAllowed(true);
        priority.setEmptySelectionCaption("Any priority");
        priority.setItemLabelGenerator(p -> p == null ? "Any priority" : ConversationLabels.label(p));
        priority.setId("priority-filter");
        priority.setLabel("Priority");

        sort.setItems(InboxQuery.Sort.values());
        sort.setItemLabelGenerator(s -> switch (s) {
            case WAITING_LONGEST -> "Waiting longest";
            case PRIORITY -> "Priority";
            case NEWEST -> "Newest";
            case MOST_NEGATIVE -> "Most negative first";
        });
        sort.setValue(InboxQuery.Sort.WAITING_LONGEST);
        sort.setId("sort");
        sort.setLabel("Sort by");

        sentiment.setItems(AnalysisViews.LABELS);
        sentiment.setEmptySelectionAllowed(true);
        sentiment.setEmptySelectionCaption("Any sentiment");
        sentiment.setItemLabelGenerator(l -> l == null ? "Any sentiment" : AnalysisViews.capitalised(l));
        sentiment.setId("sentiment-filter");
        sentiment.setLabel("Sentiment");
        sentiment.addThemeName("small");
        sentiment.addValueChangeListener(e -> changed.run());

        for (var select : List.of(status, priority, sort)) {
            select.addThemeName("small");
            select.addValueChangeListener(e -> changed.run());
        }
        add(status, priority, sentiment, sort);
        addClassName("omniops-inbox-filters");
    }

    /** The list's question for a scope, as the filters stand and with what the customer's features allow. */
    InboxQuery query(InboxQuery.Scope scope, UUID viewer, Workspace.Features features) {
        var statuses = status.getValue() == null ? StatusFilter.ACTIVE : status.getValue();
        var p = priority.getValue();
        var order = sort.getValue() == null ? InboxQuery.Sort.WAITING_LONGEST : sort.getValue();
        if (!features.sentiment() && order == InboxQuery.Sort.MOST_NEGATIVE) {
            order = InboxQuery.Sort.WAITING_LONGEST;
        }
        var sentiments =
                features.sentiment() && sentiment.getValue() != null ? Set.of(sentiment.getValue()) : Set.<String>of();
        return new InboxQuery(scope, viewer, statuses.statuses, p == null ? Set.of() : Set.of(p), order, sentiments);
    }

    /** Open conversations, newest first: where new work is (the status and sort selects show it). */
    void showNewest() {
        status.setValue(StatusFilter.OPEN);
        sort.setValue(InboxQuery.Sort.NEWEST);
    }

    /** Shows or hides the sentiment filter and sort with the customer's flag (no trace when off). */
    void applyFeatures(Workspace.Features features) {
        sentiment.setVisible(features.sentiment());
        var current = sort.getValue();
        var sorts = new ArrayList<>(List.of(InboxQuery.Sort.values()));
        if (!features.sentiment()) {
            sorts.remove(InboxQuery.Sort.MOST_NEGATIVE);
        }
        if (!sorts.equals(sort.getListDataView().getItems().toList())) {
            sort.setItems(sorts);
            sort.setValue(current != null && sorts.contains(current) ? current : InboxQuery.Sort.WAITING_LONGEST);
        }
    }
}

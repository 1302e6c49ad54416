package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.renderer.LitRenderer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.ConversationSummary;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The inbox's list: a lazy grid of conversation rows (contact, waiting time, subject and preview; status, priority
 * and assignee; sentiment) that remembers the ranges it fetched, so that after live updates only the rows that
 * changed are sent ({@link #refreshChanged}).
 */
class InboxGrid extends Grid<ConversationSummary> {

    private static final Logger log = LoggerFactory.getLogger(InboxGrid.class);

    /** What {@link #refreshChanged} did. */
    enum Refresh {
        /** The changed rows were sent. */
        ROWS,
        /** The list is different (rows in or out, or another order): the caller refreshes it whole. */
        ALL,
        /** The rows could not be read; nothing changed. */
        NONE
    }

    /** Rows the grid fetched, and when (their waiting times are drawn from it). */
    private record Fetched(int offset, int limit, List<ConversationSummary> rows, Instant at) {}

    private final InboxReads reads;
    private final CustomerId customer;
    private final Supplier<InboxQuery> query;
    private final Column<ConversationSummary> sentimentColumn;
    /**
     * The grid's fetches may take rows read at or after this: the last refresh's moment (a user's change refreshes
     * with "now", a live update with when it was received), so a fetch never shows less than the inbox already knew.
     */
    private long fetchNotBefore = System.nanoTime();
    /** The ranges the grid fetched since its last full refresh, by offset (see {@link #refreshChanged}). */
    private final Map<Integer, Fetched> fetched = new LinkedHashMap<>();

    private int fetchedCount = -1;
    /**
     * A full refresh was asked for and the grid has not read the list yet (it does when the response is written):
     * live updates until then need no refresh of their own. Without this, an update applied in between found nothing
     * fetched and asked for a second full refresh.
     */
    private boolean fullRefreshPending;

    InboxGrid(InboxReads reads, CustomerId customer, Supplier<InboxQuery> query, Consumer<ConversationId> open) {
        this.reads = reads;
        this.customer = customer;
        this.query = query;
        setId("conversation-grid");
        addClassName("omniops-inbox-grid");
        addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        setAriaLabel("Conversations");
        addConversationColumn();
        addStateColumn();
        sentimentColumn = addSentimentColumn();
        setItems(
                q -> {
                    fullRefreshPending = false;
                    var rows = reads.inbox(customer, query.get(), q.getOffset(), q.getLimit(), fetchNotBefore);
                    fetched.put(q.getOffset(), new Fetched(q.getOffset(), q.getLimit(), rows, Instant.now()));
                    return rows.stream();
                },
                q -> {
                    fullRefreshPending = false;
                    return fetchedCount = reads.count(customer, query.get(), fetchNotBefore);
                });
        getLazyDataView().setItemCountEstimate(50);
        getGenericDataView().setIdentifierProvider(ConversationSummary::id);
        setSelectionMode(Grid.SelectionMode.SINGLE);
        asSingleSelect().addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                open.accept(e.getValue().id());
            }
        });
        setEmptyStateText("Nothing here. New conversations appear as they arrive.");
    }

    /** Contact, "New", waiting time, subject (when it says more) and the latest message. */
    private void addConversationColumn() {
        addColumn(LitRenderer.<ConversationSummary>of("""
                <div class="omniops-cell-conv">
                  <div class="omniops-cell-top"><span class="omniops-cell-contact-box">\
                <span class="omniops-cell-contact">${item.contact}</span>\
                <span class="omniops-new" ?hidden="${!item.fresh}" title="New: nobody has taken it yet">New</span></span>\
                <span class="omniops-cell-wait" title="Waiting time">${item.waiting}</span></div>
                  <div class="omniops-cell-subject" ?hidden="${!item.subject}">${item.subject}</div>
                  <div class="omniops-cell-preview ${item.subject ? 'omniops-cell-preview--one-line' : ''}">\
                ${item.preview}</div>
                </div>""")
                        .withProperty("contact", ConversationSummary::contactName)
                        .withProperty("fresh", InboxGrid::isNew)
                        .withProperty("subject", InboxGrid::subjectLine)
                        .withProperty("preview", ConversationSummary::lastMessagePreview)
                        .withProperty("waiting", s -> TimeTexts.waiting(s.waitingSince(), Instant.now())))
                .setHeader("Conversation")
                .setFlexGrow(1)
                .setKey("conversation");
    }

    /** Status, priority and assignee. */
    private void addStateColumn() {
        addColumn(LitRenderer.<ConversationSummary>of("""
                <div class="omniops-cell-state">
                  <span class="omniops-pill omniops-pill--${item.statusKey}">${item.status}</span>
                  <span class="omniops-pill omniops-pill--${item.priorityKey}">${item.priority}</span>
                  <span class="omniops-cell-assignee">${item.assignee}</span>
                </div>""")
                        .withProperty("status", s -> ConversationLabels.label(s.status()))
                        .withProperty("statusKey", s -> s.status().dbValue())
                        .withProperty("priority", s -> ConversationLabels.label(s.priority()))
                        .withProperty("priorityKey", s -> s.priority().dbValue())
                        .withProperty("assignee", s -> s.assigneeName() == null ? "Unassigned" : s.assigneeName()))
                .setHeader("Status · assignee")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("state");
    }

    /** The latest customer sentiment (hidden while the customer's flag is off). */
    private Column<ConversationSummary> addSentimentColumn() {
        return addColumn(LitRenderer.<ConversationSummary>of("""
                <span class="omniops-sentiment-cell omniops-sentiment-cell--${item.key}" title="${item.title}"
                  ?hidden="${!item.key}">${item.label}</span>""")
                        .withProperty("key", s -> s.sentimentLabel() == null ? "" : s.sentimentLabel())
                        .withProperty(
                                "label",
                                s -> s.sentimentLabel() == null ? "" : AnalysisViews.capitalised(s.sentimentLabel()))
                        .withProperty(
                                "title",
                                s -> s.sentimentScore() == null
                                        ? ""
                                        : "Latest customer sentiment: " + s.sentimentLabel() + " · score "
                                                + AnalysisViews.two(s.sentimentScore())))
                .setHeader("Sentiment")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("sentiment");
    }

    /**
     * New work: open and nobody has taken it. The list marks it, and the toolbar counts it: under the default sort
     * (waiting longest) a new chat lands at the bottom, unseen.
     */
    static boolean isNew(ConversationSummary s) {
        return s.assigneeId() == null && s.status() == ConversationStatus.OPEN;
    }

    /**
     * The subject, when it says more than the latest message shown below it: a chat's subject is its first message's
     * first line, so in a conversation of one message it would repeat the preview.
     */
    static String subjectLine(ConversationSummary s) {
        var subject = s.subject().strip();
        var stem = subject.endsWith("…")
                ? subject.substring(0, subject.length() - 1).strip()
                : subject;
        return stem.isEmpty() || s.lastMessagePreview().strip().startsWith(stem) ? "" : subject;
    }

    /** Shows or hides the sentiment column with the customer's flag. */
    void showSentiment(boolean shown) {
        sentimentColumn.setVisible(shown);
    }

    /** @param notBefore the rows fetched from now on are read at or after this {@link System#nanoTime} */
    void refreshAll(long notBefore) {
        fetchNotBefore = notBefore;
        fetched.clear();
        fetchedCount = -1;
        fullRefreshPending = true;
        getDataProvider().refreshAll();
    }

    /**
     * After live updates: reads the rows the grid holds again; when they are the same conversations in the same order,
     * only the rows that changed (or whose waiting time reads differently) are sent, otherwise the caller refreshes
     * the whole list. A full refresh sends every row the grid holds, twice a second in a busy inbox: it was the largest
     * part of an agent's pushes once the conversation sent only what changed (docs/benchmarks.md §3).
     */
    Refresh refreshChanged(long notBefore) {
        if (fullRefreshPending) {
            // the pending read of the whole list happens after this update: it shows it if it reads at or after it
            if (notBefore - fetchNotBefore > 0) {
                fetchNotBefore = notBefore;
            }
            return Refresh.ROWS;
        }
        if (fetched.isEmpty() || fetched.size() > 4) {
            return Refresh.ALL;
        }
        var now = Instant.now();
        var changed = new ArrayList<ConversationSummary>();
        try {
            var query = this.query.get();
            if (fetchedCount >= 0 && reads.count(customer, query, notBefore) != fetchedCount) {
                return Refresh.ALL;
            }
            for (var range : List.copyOf(fetched.values())) {
                var rows = reads.inbox(customer, query, range.offset(), range.limit(), notBefore);
                if (!rows.stream()
                        .map(ConversationSummary::id)
                        .toList()
                        .equals(range.rows().stream()
                                .map(ConversationSummary::id)
                                .toList())) {
                    return Refresh.ALL;
                }
                for (int i = 0; i < rows.size(); i++) {
                    var before = range.rows().get(i);
                    var row = rows.get(i);
                    if (!row.equals(before)
                            || !TimeTexts.waiting(row.waitingSince(), now)
                                    .equals(TimeTexts.waiting(before.waitingSince(), range.at()))) {
                        changed.add(row);
                    }
                }
                fetched.put(range.offset(), new Fetched(range.offset(), range.limit(), rows, now));
            }
        } catch (RuntimeException e) {
            log.warn("Inbox rows unavailable: {}", e.toString());
            return Refresh.NONE;
        }
        changed.forEach(getDataProvider()::refreshItem);
        return Refresh.ROWS;
    }
}

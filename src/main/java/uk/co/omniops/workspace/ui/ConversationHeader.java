package uk.co.omniops.workspace.ui;

import static uk.co.omniops.workspace.ui.ConversationLabels.badge;
import static uk.co.omniops.workspace.ui.ConversationLabels.label;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import uk.co.omniops.analysis.SentimentPoint;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.Priority;
import uk.co.omniops.prediction.Prediction;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The open conversation's header: subject and actions on one line, then the facts (status, priority, assignee, categories, sentiment sparkline,
 * prediction) and actions. Subject and actions stay and only change their state on a redraw (a live update redraws
 * the header several times a second in a busy conversation: re-creating the buttons and the priority select each
 * time made every push larger and the tab slower, docs/benchmarks.md §3); each fact is a {@link Part} drawn again
 * only when its value changed, and the sparkline moves its line in place.
 */
class ConversationHeader extends Div {

    /** What the header's buttons and priority select do. */
    record Actions(
            Runnable assignToMe,
            Runnable transfer,
            Runnable resolve,
            Runnable reopen,
            Consumer<Priority> changePriority) {}

    /** What the header's category tags show: every key on any of the conversation's messages, with its name. */
    private record Categories(boolean shown, Map<String, String> names) {}

    private final Workspace workspace;
    private final CustomerId customer;
    private final ConversationId id;

    private final H2 subject = new H2();
    private final Div facts = new Div();
    private final Part<ConversationStatus> status = new Part<>(s -> {
        var status = badge(label(s), ConversationLabels.statusVariant(s));
        status.setId("conversation-status");
        return status;
    });
    private final Part<Priority> priority = new Part<>(p -> {
        var priority = badge(label(p) + " priority", ConversationLabels.priorityVariant(p));
        priority.setId("conversation-priority");
        return priority;
    });
    private final Part<Optional<String>> assignee = new Part<>(name -> {
        var assignee = new Span(name.map(n -> "Assigned to " + n).orElse("Unassigned"));
        assignee.setId("conversation-assignee");
        assignee.addClassName("omniops-secondary");
        return assignee;
    });
    private final Part<Categories> categories = new Part<>(ConversationHeader::categories);
    private final SentimentSparkline sparkline = new SentimentSparkline();
    private final Part<Prediction> prediction = new Part<>(PredictionFacts::of);
    private final Button assignToMe;
    private final Button resolve;
    private final Button reopen;
    private final Select<Priority> prioritySelect = new Select<>();
    private final Div actions;
    private final Div top;

    ConversationHeader(Workspace workspace, CustomerId customer, ConversationId id, Actions act) {
        this.workspace = workspace;
        this.customer = customer;
        this.id = id;
        addClassName("omniops-conv-header");
        subject.setId("conversation-subject");
        subject.addClassName("omniops-conv-subject");
        facts.addClassName("omniops-conv-facts");
        assignToMe = action("Assign to me", VaadinIcon.USER_CHECK, act.assignToMe());
        assignToMe.setId("assign-to-me");
        var transfer = action("Transfer", VaadinIcon.EXCHANGE, act.transfer());
        transfer.setId("transfer");
        resolve = action("Resolve", VaadinIcon.CHECK, act.resolve());
        resolve.setId("resolve");
        reopen = action("Reopen", VaadinIcon.ROTATE_LEFT, act.reopen());
        reopen.setId("reopen");
        prioritySelect.setId("priority-select");
        prioritySelect.setAriaLabel("Priority");
        prioritySelect.setItems(Priority.values());
        // "Normal": the select's accessible name says what it is, and the header's width goes to the subject
        prioritySelect.setItemLabelGenerator(ConversationLabels::label);
        prioritySelect.addThemeName("small");
        prioritySelect.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                act.changePriority().accept(e.getValue());
            }
        });
        actions = new Div(assignToMe, transfer, resolve, reopen, prioritySelect);
        actions.addClassName("omniops-conv-actions");
        // one line for the subject and the actions, one for the facts: the thread below gets the height
        top = new Div(subject, actions);
        top.addClassName("omniops-conv-top");
    }

    void render(ConversationState state, UUID viewer) {
        var c = state.details().conversation();
        if (getComponentCount() != 2 || getComponentAt(0) != top) {
            removeAll();
            add(top, facts);
        }
        subject.setText(c.subject());
        // a long subject ends in "…" on screen; the whole of it is one hover away
        subject.getElement().setAttribute("title", c.subject());

        // the contact's name is beside the thread (contact panel) and on every message: not here again
        var shown = new ArrayList<Component>(List.of(
                status.of(c.status()),
                priority.of(c.priority()),
                assignee.of(Optional.ofNullable(c.assigneeName())),
                categories.of(categoriesOf(state))));
        if (state.features().sentiment()) {
            sparkline.show(trend());
            shown.add(sparkline);
        }
        // a resolved conversation shows what happened, not a forecast of it; reopening brings the prediction back
        if (state.features().predictions() && !state.resolved()) {
            workspace.predictions().current(customer, id).ifPresent(p -> shown.add(prediction.of(p)));
        }
        Part.place(facts, shown);

        assignToMe.setEnabled(!viewer.equals(c.assigneeId()));
        var resolved = state.resolved();
        resolve.setVisible(!resolved);
        reopen.setVisible(resolved);
        if (resolved) {
            resolve.removeThemeVariants(ButtonVariant.LUMO_SUCCESS);
        } else {
            resolve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        }
        if (prioritySelect.getValue() != c.priority()) {
            prioritySelect.setValue(c.priority());
        }
    }

    /** In place of the facts when the conversation cannot be read. */
    void notFound() {
        removeAll();
        add(new H2("Conversation not found"), new Paragraph("It may belong to another customer or have been removed."));
    }

    /** The conversation's sentiment scores for the sparkline (none when they cannot be read). */
    private List<SentimentPoint> trend() {
        try {
            return workspace.analysis().trend(customer, id);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static Categories categoriesOf(ConversationState state) {
        if (!state.features().categories()) {
            return new Categories(false, Map.of());
        }
        var names = new TreeMap<String, String>();
        state.analyses()
                .values()
                .forEach(a -> a.categories()
                        .forEach(c -> names.put(c.key(), state.categoryNames().getOrDefault(c.key(), c.key()))));
        return new Categories(true, names);
    }

    private static Component categories(Categories categories) {
        var box = new Div();
        box.setId("conversation-categories");
        box.addClassName("omniops-conv-categories");
        if (!categories.shown()) {
            box.setVisible(false);
            return box;
        }
        var keys = categories.names().keySet();
        box.getElement()
                .setAttribute(
                        "aria-label",
                        "Conversation categories: "
                                + (keys.isEmpty() ? "none" : AnalysisViews.names(keys, categories.names())));
        categories.names().forEach((key, name) -> {
            var tag = new Span(name);
            tag.addClassName("omniops-category-tag");
            tag.addClassName("omniops-category-tag--conversation");
            tag.getElement().setAttribute("data-category", key);
            box.add(tag);
        });
        box.setVisible(!keys.isEmpty());
        return box;
    }

    private static Button action(String text, VaadinIcon icon, Runnable run) {
        var b = new Button(text, icon.create(), e -> run.run());
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }
}

package uk.co.omniops.escalation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.ZoneId;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationNavigation;
import uk.co.omniops.escalation.Escalation;
import uk.co.omniops.escalation.EscalationDeskRow;
import uk.co.omniops.escalation.EscalationManagement;
import uk.co.omniops.escalation.EscalationStatus;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.OmniOpsUser;
import uk.co.omniops.tenancy.UserAccount;

/**
 * The escalation desk's detail panel: the selected escalation's summary, facts, actions (acknowledge, assign,
 * resolve with a note, open the conversation), the messages around the one that triggered it, and its history. After
 * an action it tells the desk to refresh.
 */
class EscalationDetails extends Div {

    private final EscalationManagement escalations;
    private final CustomerId customer;
    private final OmniOpsUser user;
    private final ZoneId zone;
    private final Runnable changed;

    EscalationDetails(
            EscalationManagement escalations, CustomerId customer, OmniOpsUser user, ZoneId zone, Runnable changed) {
        this.escalations = escalations;
        this.customer = customer;
        this.user = user;
        this.zone = zone;
        this.changed = changed;
        setId("escalation-details");
        addClassName("omniops-escalation-details");
    }

    /** Shows the selected escalation, or a hint when none is selected. */
    void show(@Nullable EscalationDeskRow row) {
        removeAll();
        if (row == null) {
            add(new Paragraph("Select an escalation to acknowledge, assign or resolve it."));
            return;
        }
        var e = row.escalation();
        var heading = new H3(row.contactName() + " · " + row.subject());
        heading.setId("escalation-heading");
        var summary = new Paragraph(row.summary());
        summary.setId("escalation-summary");
        summary.addClassName("omniops-escalation-summary");
        var reason = new Paragraph(e.reason());
        reason.setId("escalation-reason");
        reason.addClassName("omniops-muted");
        var facts = facts(row);

        add(
                heading,
                summary,
                facts,
                actions(e),
                assignRow(e),
                new H3("Messages"),
                messages(row),
                reason,
                new H3("History"),
                history(e));
    }

    private Div facts(EscalationDeskRow row) {
        var e = row.escalation();
        var facts = new Div();
        facts.addClassName("omniops-escalation-facts");
        facts.add(new Div(
                EscalationQueueView.badge(e.severity()),
                new Span(" " + e.status().dbValue())));
        facts.add(new Div(new Span("Contact: " + row.contactName()
                + (row.contactEmail() == null ? "" : " <" + row.contactEmail() + ">") + " · " + row.channel())));
        facts.add(new Div(
                new Span("First-response SLA (" + row.slaMinutes() + " min): " + EscalationQueueView.slaLeft(row))));
        facts.add(new Div(new Span(
                "Opened " + EscalationQueueView.TIME.format(e.openedAt().atZone(zone)) + " ("
                        + EscalationQueueView.age(e.openedAt()) + " ago)")));
        if (e.ruleName() != null) {
            facts.add(new Div(new Span("Rule: " + e.ruleName())));
        }
        if (e.matchCount() > 1) {
            facts.add(new Div(new Span("Matched " + e.matchCount() + " times")));
        }
        e.timeToAcknowledge()
                .ifPresent(t -> facts.add(new Div(new Span(
                        "Acknowledged by " + e.acknowledgedBy() + " after " + EscalationQueueView.duration(t)))));

        return facts;
    }

    /** Acknowledge, resolve, open the conversation. */
    private HorizontalLayout actions(Escalation e) {
        var acknowledge = new Button(
                "Acknowledge",
                click -> act(() -> escalations.acknowledge(customer, e.id(), user.account()), "Acknowledged"));
        acknowledge.setId("acknowledge");
        acknowledge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        acknowledge.setEnabled(e.status() == EscalationStatus.OPEN);

        var resolve = new Button("Resolve…", click -> resolveDialog(e));
        resolve.setId("resolve");
        resolve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        var open = new Anchor(ConversationNavigation.conversation(e.conversationId()), "Open conversation");
        open.setId("open-conversation");
        var buttons = new HorizontalLayout(acknowledge, resolve, open);
        buttons.setAlignItems(FlexComponent.Alignment.BASELINE);
        return buttons;
    }

    /** Assign to one of the customer's supervisors. */
    private HorizontalLayout assignRow(Escalation e) {
        var supervisor = new Select<UserAccount>();
        supervisor.setLabel("Supervisor");
        supervisor.setId("assign-to");
        supervisor.setItems(escalations.supervisors(customer));
        supervisor.setItemLabelGenerator(UserAccount::displayName);
        var assign = new Button("Assign", click -> {
            if (supervisor.getValue() != null) {
                act(
                        () -> escalations.assign(
                                customer, e.id(), supervisor.getValue().id(), user.account()),
                        "Assigned to " + supervisor.getValue().displayName());
            }
        });
        assign.setId("assign");
        var assignRow = new HorizontalLayout(supervisor, assign);
        assignRow.setAlignItems(FlexComponent.Alignment.END);
        return assignRow;
    }

    /** The escalation's history lines, oldest first. */
    private Div history(Escalation e) {
        var history = new Div();
        history.setId("escalation-history");
        history.addClassName("omniops-escalation-history");
        for (var entry : escalations.history(customer, e.id())) {
            var line =
                    new Div(new Span(EscalationQueueView.TIME.format(entry.at().atZone(zone))), new Span(entry.text()));
            line.addClassName("omniops-escalation-history-" + entry.kind());
            history.add(line);
        }
        return history;
    }

    /** The triggering message in full with what came before it (three messages) and everything after. */
    private Div messages(EscalationDeskRow row) {
        var list = new Div();
        list.setId("escalation-messages");
        list.addClassName("omniops-escalation-messages");
        var all = row.messages();
        var trigger = row.escalation().messageId();
        int at = trigger == null
                ? -1
                : IntStream.range(0, all.size())
                        .filter(i -> all.get(i).id().equals(trigger))
                        .findFirst()
                        .orElse(-1);
        int from = at < 0 ? Math.max(0, all.size() - 6) : Math.max(0, at - 3);
        int to = Math.min(all.size(), from + 12);
        if (from > 0) {
            list.add(new Paragraph(from + " earlier message" + (from == 1 ? "" : "s") + " not shown"));
        }
        for (int i = from; i < to; i++) {
            var m = all.get(i);
            var who = m.authorType() == AuthorType.CONTACT
                    ? row.contactName()
                    : m.authorName() == null ? m.authorType().dbValue() : m.authorName();
            var meta = new Span(
                    who + " · " + EscalationQueueView.TIME.format(m.createdAt().atZone(zone)));
            meta.addClassName("omniops-muted");
            var text = new Paragraph();
            text.setText(m.text());
            var item = new Div(meta, text);
            item.addClassName("omniops-escalation-message");
            if (i == at) {
                item.addClassName("omniops-escalation-trigger");
                item.getElement().setAttribute("aria-label", "Message that triggered the escalation");
                meta.setText(meta.getText() + " · triggered the escalation");
            }
            list.add(item);
        }
        return list;
    }

    private void resolveDialog(Escalation e) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Resolve escalation");
        var note = new TextArea("Resolution note");
        note.setId("resolution-note");
        note.setMaxLength(2000);
        note.setWidth("28rem");
        note.setHelperText("What was done, for the record (optional)");
        var confirm = new Button("Resolve", click -> {
            act(() -> escalations.resolve(customer, e.id(), note.getValue(), user.account()), "Resolved");
            dialog.close();
        });
        confirm.setId("confirm-resolve");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", click -> dialog.close());
        dialog.add(note);
        dialog.getFooter().add(cancel, confirm);
        dialog.open();
        note.focus();
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            Notification.show(done, 2500, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (RuntimeException ex) {
            Notification.show(
                            ex.getMessage() == null ? "That did not work" : ex.getMessage(),
                            5000,
                            Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        changed.run();
    }
}

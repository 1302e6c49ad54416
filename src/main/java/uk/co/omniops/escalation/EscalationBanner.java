package uk.co.omniops.escalation;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.time.Duration;
import java.time.Instant;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.shell.LiveRefresh;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Shows a conversation's open escalation (severity, status, reason, rule, age) and keeps it current through live
 * updates; hidden when none is open. For the conversation workspace:
 *
 * <pre>{@code
 * var banner = new EscalationBanner(escalations, liveUpdates, customer, conversationId);
 * add(banner);                          // subscribes on attach, unsubscribes on detach
 * banner.setConversation(otherId);      // when the workspace switches conversation
 * }</pre>
 *
 * Reasons are rendered as text (they may quote redacted customer text). Stable id: {@code escalation-banner}.
 */
public class EscalationBanner extends Div {

    private final EscalationManagement escalations;
    private final CustomerId customer;
    private ConversationId conversation;

    private final Span severity = new Span();
    private final Span title = new Span();
    private final Span reason = new Span();
    private final Span meta = new Span();

    public EscalationBanner(
            EscalationManagement escalations,
            LiveUpdates liveUpdates,
            CustomerId customer,
            ConversationId conversation) {
        this.escalations = escalations;
        this.customer = customer;
        this.conversation = conversation;
        setId("escalation-banner");
        addClassName("omniops-escalation-banner");
        getElement().setAttribute("role", "status");
        LiveRefresh.whileAttached(
                this,
                liveUpdates,
                customer.value(),
                Duration.ofMillis(250),
                update -> update.isAbout(LiveUpdate.Area.ESCALATION)
                        && conversation.value().equals(update.subjectId()),
                updates -> refresh());
        var icon = VaadinIcon.WARNING.create();
        icon.addClassName("omniops-escalation-banner-icon");
        title.addClassName("omniops-escalation-banner-title");
        reason.addClassName("omniops-escalation-banner-reason");
        meta.addClassName("omniops-escalation-banner-meta");
        var text = new Div(new Div(severity, title), reason, meta);
        add(icon, text);
        refresh();
    }

    /** Shows another conversation's escalation (the workspace reuses one banner). */
    public void setConversation(ConversationId conversation) {
        this.conversation = conversation;
        refresh();
    }

    /** Re-reads the escalation; visible only while one is open or acknowledged. */
    public void refresh() {
        var current = escalations.forConversation(customer, conversation);
        setVisible(current.isPresent());
        current.ifPresent(e -> {
            severity.setText(e.severity().dbValue());
            severity.getElement().getThemeList().clear();
            severity.getElement().getThemeList().add("badge pill " + badgeTheme(e.severity()));
            getElement().setAttribute("data-severity", e.severity().dbValue());
            title.setText(
                    e.status() == EscalationStatus.OPEN
                            ? " Escalated — waiting for a supervisor"
                            : " Escalated — acknowledged by "
                                    + (e.acknowledgedBy() == null ? "a supervisor" : e.acknowledgedBy()));
            reason.setText(EscalationDeskRow.summarise(e.reason()));
            var minutes = Duration.between(e.openedAt(), Instant.now()).toMinutes();
            meta.setText((e.ruleName() == null ? "" : "Rule “" + e.ruleName() + "” · ")
                    + (minutes < 1 ? "just now" : minutes + " min ago")
                    + (e.assignedName() == null ? "" : " · with " + e.assignedName()));
        });
    }

    static String badgeTheme(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error primary";
            case MEDIUM -> "warning";
            case LOW -> "contrast";
        };
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        refresh();
    }
}

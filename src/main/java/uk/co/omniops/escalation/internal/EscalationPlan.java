package uk.co.omniops.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.co.omniops.conversation.ConversationFacts;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.escalation.Escalation;
import uk.co.omniops.escalation.EscalationId;
import uk.co.omniops.escalation.EscalationStatus;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.tenancy.CustomerId;

/**
 * What a batch does to one conversation's escalation, worked out in memory before anything is written: the messages
 * of the batch that matched a rule, in order, against the conversation's open escalation (or its last resolution's
 * cool-down). The same steps {@link Escalator} takes for a single message (open, add to the open one, cool down),
 * message after message.
 */
final class EscalationPlan {

    private static final Logger log = LoggerFactory.getLogger(EscalationPlan.class);

    /** One message of the batch with the rules' verdict on it. */
    record Judged(Escalator.Batched message, Assessment assessment) {}

    final ConversationFacts details;
    final @Nullable Escalation existing;

    @Nullable
    Escalation opened;

    @Nullable
    Severity severity;

    @Nullable
    Severity openedSeverity;

    int again;
    boolean queued;

    @Nullable
    Instant lastMatched;

    List<Assessment.Match> openingMatches = List.of();
    final List<EscalationEvents.HistoryLine> lines = new ArrayList<>();
    final List<Map.Entry<EscalationId, NotificationChannel>> notify = new ArrayList<>();
    final Map<MessageId, Escalator.Outcome> outcomes = new LinkedHashMap<>();

    private EscalationPlan(ConversationFacts details, @Nullable Escalation existing) {
        this.details = details;
        this.existing = existing;
        this.severity = existing == null ? null : existing.severity();
    }

    /**
     * Plans one conversation's matched messages of a batch.
     *
     * @param existing its open escalation, locked (null when none is open)
     * @param lastResolved when its last escalation was resolved (the cool-down; null when none or one is open)
     * @param items its messages of the batch that matched a rule, in the batch's order
     */
    static EscalationPlan of(
            CustomerId customer,
            ConversationFacts details,
            @Nullable Escalation existing,
            @Nullable Instant lastResolved,
            List<Judged> items,
            NotificationTargets targets) {
        var plan = new EscalationPlan(details, existing);
        var now = Instant.now();
        for (var item : items) {
            var judged = item.assessment();
            var message = item.message().message();
            var queued =
                    judged.matches().stream().anyMatch(m -> m.rule().actions().contains(RuleAction.SUPERVISOR_QUEUE));
            var notify =
                    judged.matches().stream().anyMatch(m -> m.rule().actions().contains(RuleAction.NOTIFY));
            var current = plan.current();
            if (current != null) {
                plan.matchedAgain(current, message, judged, queued, notify, targets);
            } else if (lastResolved != null
                    && lastResolved
                            .plus(Duration.ofMinutes(judged.lead().cooldownMinutes()))
                            .isAfter(now)) {
                log.debug(
                        "Escalation of {} suppressed: rule '{}' cooling down",
                        details.id(),
                        judged.lead().name());
                plan.outcomes.put(message.messageId(), Escalator.Outcome.COOLING_DOWN);
            } else {
                plan.open(customer, message, judged, queued, notify, targets);
            }
        }
        return plan;
    }

    /** The escalation the batch's next message meets: the open one, or the one an earlier message opened. */
    @Nullable
    Escalation current() {
        return existing != null ? existing : opened;
    }

    private void matchedAgain(
            Escalation current,
            AnalysedMessage message,
            Assessment judged,
            boolean queued,
            boolean notify,
            NotificationTargets targets) {
        var at = message.at();
        var before = Objects.requireNonNull(severity);
        var raised = before.ordinal() >= judged.severity().ordinal() ? before : judged.severity();
        var text = "Matched again: rule “" + judged.lead().name() + "”: " + judged.reason();
        if (raised != before) {
            text += " — severity raised to " + raised.dbValue();
        }
        lines.add(new EscalationEvents.HistoryLine(current.id(), "matched", text, at));
        // an escalation that opened below high pages people once, when a later message grades it high
        if (before.ordinal() < Severity.HIGH.ordinal() && raised.ordinal() >= Severity.HIGH.ordinal() && notify) {
            targets.channelsFor(raised).forEach(c -> this.notify.add(Map.entry(current.id(), c)));
        }
        severity = raised;
        again++;
        this.queued |= queued;
        lastMatched = at;
        outcomes.put(message.messageId(), Escalator.Outcome.ADDED_TO_OPEN);
    }

    private void open(
            CustomerId customer,
            AnalysedMessage message,
            Assessment judged,
            boolean queued,
            boolean notify,
            NotificationTargets targets) {
        var at = message.at();
        var lead = judged.lead();
        var escalation = Escalator.newEscalation(customer, details.id(), message.messageId(), judged, at);
        opened = escalation;
        openedSeverity = escalation.severity();
        severity = escalation.severity();
        this.queued = queued;
        lastMatched = at;
        openingMatches = judged.matches();
        lines.add(new EscalationEvents.HistoryLine(
                escalation.id(),
                "opened",
                "Opened by rule “" + lead.name() + "” (" + escalation.severity().dbValue() + "): "
                        + escalation.reason(),
                at));
        // only high and critical escalations page people; the rest wait on the desk
        if (escalation.severity().ordinal() >= Severity.HIGH.ordinal() && notify) {
            targets.channelsFor(escalation.severity()).forEach(c -> this.notify.add(Map.entry(escalation.id(), c)));
        }
        outcomes.put(message.messageId(), Escalator.Outcome.OPENED);
    }

    /** The new escalation as it is inserted: matched again by the batch's later messages already. */
    Escalation asInserted() {
        var e = Objects.requireNonNull(opened);
        return new Escalation(
                e.id(),
                e.customerId(),
                e.conversationId(),
                e.messageId(),
                e.ruleId(),
                e.ruleName(),
                e.reason(),
                Objects.requireNonNull(severity),
                EscalationStatus.OPEN,
                e.openedAt(),
                Objects.requireNonNull(lastMatched),
                1 + again,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}

package uk.co.omniops.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import uk.co.omniops.conversation.ConversationFacts;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.escalation.ConversationEscalated;
import uk.co.omniops.escalation.Escalation;
import uk.co.omniops.escalation.EscalationId;
import uk.co.omniops.escalation.EscalationStatus;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.prediction.Prediction;
import uk.co.omniops.prediction.PredictionManagement;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Evaluates a customer's rules for one conversation and opens (or adds to) its escalation. One open escalation per
 * conversation (a unique index makes that hold across replicas); after a resolve the matching rule's cool-down keeps
 * it from re-opening at once. Gated by {@link Feature#AUTO_ESCALATION}.
 *
 * @see <a href="../../../../../../../docs/decisions/005-escalation.md">decision 005</a>
 */
@Service
public class Escalator {

    private static final Logger log = LoggerFactory.getLogger(Escalator.class);
    static final int HISTORY = 50;

    /** What happened to an evaluation (for tests and logs). */
    public enum Outcome {
        NO_MATCH,
        OPENED,
        ADDED_TO_OPEN,
        COOLING_DOWN,
        DISABLED,
        SKIPPED
    }

    private final RuleService ruleService;
    private final Signals signals;
    private final EscalationEvents events;
    private final Notifications notifications;
    private final NotificationTargets targets;
    private final ConversationManagement conversations;
    private final TenancyManagement tenancy;
    private final TenantTransactions transactions;
    private final FeatureFlags flags;
    private final ApplicationEventPublisher publisher;
    private final LiveUpdates liveUpdates;
    private final PredictionManagement predictions;
    private final EscalationActions escalationActions;
    private final BatchEvaluation batchEvaluation;

    Escalator(
            RuleService ruleService,
            Signals signals,
            EscalationEvents events,
            Notifications notifications,
            NotificationTargets targets,
            ConversationManagement conversations,
            TenancyManagement tenancy,
            TenantTransactions transactions,
            FeatureFlags flags,
            ApplicationEventPublisher publisher,
            LiveUpdates liveUpdates,
            PredictionManagement predictions,
            EscalationActions escalationActions,
            BatchEvaluation batchEvaluation) {
        this.ruleService = ruleService;
        this.signals = signals;
        this.events = events;
        this.notifications = notifications;
        this.targets = targets;
        this.conversations = conversations;
        this.tenancy = tenancy;
        this.transactions = transactions;
        this.flags = flags;
        this.publisher = publisher;
        this.liveUpdates = liveUpdates;
        this.predictions = predictions;
        this.escalationActions = escalationActions;
        this.batchEvaluation = batchEvaluation;
    }

    /**
     * A contact's message was analysed: reads the conversation's facts (bounded) and evaluates; see
     * {@link #onAnalysed(AnalysedMessage, String, ConversationFacts)}.
     */
    public Outcome onAnalysed(AnalysedMessage message) {
        var conversation = conversations.facts(message.customerId(), message.conversationId());
        var text = conversation
                .flatMap(c -> c.recentMessage(message.messageId()))
                .map(ConversationFacts.RecentMessage::text)
                .orElse(null);
        return conversation.map(c -> onAnalysed(message, text, c)).orElse(Outcome.SKIPPED);
    }

    /**
     * A contact's message was analysed: remember the signal (always), then evaluate (when the flag is on) with the
     * conversation's facts that came with the event (no read of the conversation).
     */
    public Outcome onAnalysed(AnalysedMessage message, @Nullable String text, ConversationFacts conversation) {
        var customer = message.customerId();
        transactions.inTenant(customer, () -> {
            signals.store(message);
            return null;
        });
        if (!flags.isEnabled(customer, Feature.AUTO_ESCALATION)) {
            return Outcome.DISABLED;
        }
        if (conversation.status() == ConversationStatus.RESOLVED) {
            return Outcome.SKIPPED;
        }
        var now = Instant.now();
        var history = transactions.readInTenant(
                customer, () -> signals.history(customer, message.conversationId(), now.plusSeconds(1), HISTORY));
        var current = new Facts.Signal(
                message.score(), message.label(), message.confidence(), java.util.Set.copyOf(message.categories()));
        var rules = ruleService.rules(customer).stream().filter(Rule::enabled).toList();
        var waiting = conversation.waitingAt(now);
        var facts = new Facts(
                current,
                text,
                history,
                waiting,
                conversation.vip(),
                rules.stream().anyMatch(r -> RuleEvaluator.needsPrediction(r.condition()))
                        ? risk(customer, message.conversationId())
                        : null);
        // the SLA is read only when it can matter: no extra query for the usual message nobody has waited on long
        if (waiting != null
                && waiting.toMinutes() >= 1
                && rules.stream().anyMatch(r -> RuleEvaluator.usesSla(r.condition()))) {
            facts = facts.withSla(tenancy.firstResponseSla(customer));
        }
        return apply(customer, conversation, message.messageId(), rules, facts, false);
    }

    /** One analysed contact message of a batch with what its event carried: the text and the conversation's facts. */
    public record Batched(AnalysedMessage message, @Nullable String text, ConversationFacts conversation) {}

    /**
     * A batch of the analysis (one customer; in the analysis' unit of work): the same rules and outcomes as
     * {@link #onAnalysed(AnalysedMessage, String, ConversationFacts)} message after message, with a bounded number of
     * statements whatever the batch's size. The signals (one multi-row upsert, which also says which messages are new:
     * a message delivered again with the same analysis is not evaluated again, so a redelivered batch opens, adds and
     * notifies nothing), the newest signals of the batch's conversations (one lateral read) and, when a rule reads it,
     * their predicted risk (one); the rules in memory, message after message in the batch's order; then, only where a
     * rule matched: the conversations' open escalations, locked in conversation order (one), their last resolution (one,
     * the cool-down), the new escalations (one multi-row insert in conversation order), the open ones matched again
     * (one), the history lines (one) and the notifications (one). Two batches take their row locks in the same order,
     * so they wait for each other but never deadlock. Actions on the conversations run after commit, on one thread.
     *
     * @param batch in the analysis' order (by conversation, then creation)
     * @return the outcome per message ({@link Outcome#SKIPPED} for a message evaluated already)
     */
    public Map<MessageId, Outcome> onAnalysedAll(CustomerId customer, List<Batched> batch) {
        var outcomes = new LinkedHashMap<MessageId, Outcome>();
        if (batch.isEmpty()) {
            return outcomes;
        }
        // strictly increasing times in the batch's order: the order of the conversations' signals and history lines
        var base = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var stamped = new ArrayList<Batched>();
        for (var i = 0; i < batch.size(); i++) {
            var b = batch.get(i);
            var m = b.message();
            stamped.add(new Batched(
                    new AnalysedMessage(
                            m.messageId(),
                            m.conversationId(),
                            m.customerId(),
                            m.score(),
                            m.label(),
                            m.confidence(),
                            m.categories(),
                            base.plus(i, ChronoUnit.MICROS)),
                    b.text(),
                    b.conversation()));
        }
        var actions = transactions.inTenant(customer, () -> batchEvaluation.evaluateAll(customer, stamped, outcomes));
        if (!actions.isEmpty()) {
            EscalationActions.afterCommit(() -> actions.forEach(Runnable::run));
        }
        return outcomes;
    }

    /** A new open escalation of the conversation by the assessment's lead rule, at the given time. */
    static Escalation newEscalation(
            CustomerId customer,
            ConversationId conversation,
            @Nullable MessageId messageId,
            Assessment judged,
            Instant at) {
        return new Escalation(
                EscalationId.random(),
                customer,
                conversation,
                messageId,
                judged.lead().id(),
                judged.lead().name(),
                judged.reason(),
                judged.severity(),
                EscalationStatus.OPEN,
                at,
                at,
                1,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The scheduler's check of one waiting conversation: only rules with a wait-time condition. */
    public Outcome onWaiting(CustomerId customer, ConversationId conversation) {
        if (!flags.isEnabled(customer, Feature.AUTO_ESCALATION)) {
            return Outcome.DISABLED;
        }
        var rules = ruleService.rules(customer).stream()
                .filter(Rule::enabled)
                .filter(r -> RuleEvaluator.needsScheduler(r.condition()))
                .toList();
        if (rules.isEmpty()) {
            return Outcome.NO_MATCH;
        }
        var details = conversations.facts(customer, conversation);
        if (details.isEmpty() || details.get().status() == ConversationStatus.RESOLVED) {
            return Outcome.SKIPPED;
        }
        var now = Instant.now();
        var history = transactions.readInTenant(customer, () -> signals.history(customer, conversation, now, HISTORY));
        var intents = details.get()
                .latestContactMessage()
                .map(m -> Intent.of(m.text()))
                .orElse(java.util.Set.of());
        var facts = new Facts(
                        null,
                        null,
                        history,
                        details.get().waitingAt(now),
                        details.get().vip(),
                        risk(customer, conversation),
                        intents)
                .withSla(tenancy.firstResponseSla(customer));
        return apply(customer, details.get(), null, rules, facts, true);
    }

    /** The latest predicted escalation risk (null when predictions are off or none exists yet). */
    private @Nullable Double risk(CustomerId customer, ConversationId conversation) {
        return predictions
                .current(customer, conversation)
                .map(Prediction::escalationRisk)
                .orElse(null);
    }

    private Outcome apply(
            CustomerId customer,
            ConversationFacts details,
            @Nullable MessageId messageId,
            List<Rule> rules,
            Facts facts,
            boolean fromScheduler) {
        var assessment = Assessment.of(rules, ruleService.evaluator(), facts);
        if (assessment.isEmpty()) {
            return Outcome.NO_MATCH;
        }
        var judged = assessment.get();
        var conversation = details.id();
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var queued = judged.matches().stream().anyMatch(m -> m.rule().actions().contains(RuleAction.SUPERVISOR_QUEUE));
        var result = transactions.inTenant(customer, () -> {
            var open = events.openFor(customer, conversation);
            if (open.isPresent()) {
                return fromScheduler ? Outcome.SKIPPED : addToOpen(customer, open.get(), judged, queued, now);
            }
            var lastResolved = events.lastResolvedAt(customer, conversation);
            if (lastResolved.isPresent()
                    && lastResolved
                            .get()
                            .plus(Duration.ofMinutes(judged.lead().cooldownMinutes()))
                            .isAfter(now)) {
                log.debug(
                        "Escalation of {} suppressed: rule '{}' cooling down",
                        conversation,
                        judged.lead().name());
                return Outcome.COOLING_DOWN;
            }
            var escalation = newEscalation(customer, conversation, messageId, judged, now);
            if (!events.insertIfNoneOpen(escalation, queued)) {
                // another evaluation (message or replica) opened one a moment ago
                var other = events.openFor(customer, conversation);
                return other.isPresent() && !fromScheduler
                        ? addToOpen(customer, other.get(), judged, queued, now)
                        : Outcome.SKIPPED;
            }
            opened(customer, escalation, judged);
            return Outcome.OPENED;
        });
        if (result == Outcome.OPENED) {
            var opened = transactions.readInTenant(customer, () -> events.openFor(customer, conversation));
            opened.ifPresent(e ->
                    EscalationActions.afterCommit(() -> escalationActions.run(customer, details, e, judged.matches())));
        }
        return result;
    }

    /** A new escalation was inserted: its history line, its notifications (high and above), its event. */
    private void opened(CustomerId customer, Escalation escalation, Assessment judged) {
        var lead = judged.lead();
        var severity = escalation.severity();
        events.addHistoryLine(
                customer,
                escalation.id(),
                "opened",
                "Opened by rule “" + lead.name() + "” (" + severity.dbValue() + "): " + escalation.reason());
        // only high and critical escalations page people; the rest wait on the desk
        if (severity.ordinal() >= Severity.HIGH.ordinal()
                && judged.matches().stream().anyMatch(m -> m.rule().actions().contains(RuleAction.NOTIFY))) {
            for (var channel : targets.channelsFor(severity)) {
                notifications.enqueue(customer, escalation.id(), channel);
            }
        }
        publisher.publishEvent(new ConversationEscalated(
                escalation.id(),
                escalation.conversationId(),
                customer,
                lead.id(),
                severity,
                escalation.reason(),
                escalation.openedAt()));
        liveUpdates.publish(LiveUpdate.of(
                customer.value(),
                LiveUpdate.Kind.ESCALATION_OPENED,
                escalation.conversationId().value()));
    }

    private Outcome addToOpen(CustomerId customer, Escalation open, Assessment judged, boolean queued, Instant now) {
        var severity = open.severity().ordinal() >= judged.severity().ordinal() ? open.severity() : judged.severity();
        events.matchedAgain(open.id(), severity, queued, now);
        var text = "Matched again: rule “" + judged.lead().name() + "”: " + judged.reason();
        if (severity != open.severity()) {
            text += " — severity raised to " + severity.dbValue();
        }
        events.addHistoryLine(customer, open.id(), "matched", text);
        // an escalation that opened below high pages people once, when a later message grades it high
        if (open.severity().ordinal() < Severity.HIGH.ordinal()
                && severity.ordinal() >= Severity.HIGH.ordinal()
                && judged.matches().stream().anyMatch(m -> m.rule().actions().contains(RuleAction.NOTIFY))) {
            for (var channel : targets.channelsFor(severity)) {
                notifications.enqueue(customer, open.id(), channel);
            }
        }
        liveUpdates.publish(LiveUpdate.of(
                customer.value(),
                LiveUpdate.Kind.ESCALATION_UPDATED,
                open.conversationId().value()));
        return Outcome.ADDED_TO_OPEN;
    }

    Optional<Escalation> open(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(customer, () -> events.openFor(customer, conversation));
    }
}

package uk.co.omniops.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import uk.co.omniops.conversation.ConversationFacts;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.Priority;
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
import uk.co.omniops.tenancy.Role;
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
    public enum Outcome { NO_MATCH, OPENED, ADDED_TO_OPEN, COOLING_DOWN, DISABLED, SKIPPED }

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

    Escalator(RuleService ruleService, Signals signals, EscalationEvents events, Notifications notifications,
            NotificationTargets targets, ConversationManagement conversations, TenancyManagement tenancy,
            TenantTransactions transactions, FeatureFlags flags, ApplicationEventPublisher publisher,
            LiveUpdates liveUpdates, PredictionManagement predictions) {
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
    }

    /**
     * A contact's message was analysed: reads the conversation's facts (bounded) and evaluates; see
     * {@link #onAnalysed(AnalysedMessage, String, ConversationFacts)}.
     */
    public Outcome onAnalysed(AnalysedMessage message) {
        var conversation = conversations.facts(message.customerId(), message.conversationId());
        var text = conversation.flatMap(c -> c.recentMessage(message.messageId()))
                .map(ConversationFacts.RecentMessage::text).orElse(null);
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
        var history = transactions.readInTenant(customer,
                () -> signals.history(customer, message.conversationId(), now.plusSeconds(1), HISTORY));
        var current = new Facts.Signal(message.score(), message.label(), message.confidence(),
                java.util.Set.copyOf(message.categories()));
        var rules = ruleService.rules(customer).stream().filter(Rule::enabled).toList();
        var waiting = conversation.waitingAt(now);
        var facts = new Facts(current, text, history, waiting, conversation.vip(),
                rules.stream().anyMatch(r -> RuleEvaluator.needsPrediction(r.condition()))
                        ? risk(customer, message.conversationId()) : null);
        // the SLA is read only when it can matter: no extra query for the usual message nobody has waited on long
        if (waiting != null && waiting.toMinutes() >= 1
                && rules.stream().anyMatch(r -> RuleEvaluator.usesSla(r.condition()))) {
            facts = facts.withSla(tenancy.firstResponseSla(customer));
        }
        return apply(customer, conversation, message.messageId(), rules, facts, false);
    }

    /** The scheduler's check of one waiting conversation: only rules with a wait-time condition. */
    public Outcome onWaiting(CustomerId customer, ConversationId conversation) {
        if (!flags.isEnabled(customer, Feature.AUTO_ESCALATION)) {
            return Outcome.DISABLED;
        }
        var rules = ruleService.rules(customer).stream().filter(Rule::enabled)
                .filter(r -> RuleEvaluator.needsScheduler(r.condition())).toList();
        if (rules.isEmpty()) {
            return Outcome.NO_MATCH;
        }
        var details = conversations.facts(customer, conversation);
        if (details.isEmpty() || details.get().status() == ConversationStatus.RESOLVED) {
            return Outcome.SKIPPED;
        }
        var now = Instant.now();
        var history = transactions.readInTenant(customer, () -> signals.history(customer, conversation, now, HISTORY));
        var intents = details.get().latestContactMessage().map(m -> Intent.of(m.text()))
                .orElse(java.util.Set.of());
        var facts = new Facts(null, null, history, details.get().waitingAt(now), details.get().vip(),
                risk(customer, conversation), intents).withSla(tenancy.firstResponseSla(customer));
        return apply(customer, details.get(), null, rules, facts, true);
    }

    /** The latest predicted escalation risk (null when predictions are off or none exists yet). */
    private @Nullable Double risk(CustomerId customer, ConversationId conversation) {
        return predictions.current(customer, conversation).map(Prediction::escalationRisk).orElse(null);
    }

    private Outcome apply(CustomerId customer, ConversationFacts details, @Nullable MessageId messageId,
            List<Rule> rules, Facts facts, boolean fromScheduler) {
        var assessment = Assessment.of(rules, ruleService.evaluator(), facts);
        if (assessment.isEmpty()) {
            return Outcome.NO_MATCH;
        }
        var judged = assessment.get();
        var lead = judged.lead();
        var matches = judged.matches();
        var conversation = details.id();
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var queued = matches.stream().anyMatch(m -> m.rule().actions().contains(RuleAction.SUPERVISOR_QUEUE));
        var severity = judged.severity();
        var result = transactions.inTenant(customer, () -> {
            var open = events.openFor(customer, conversation);
            if (open.isPresent()) {
                return fromScheduler ? Outcome.SKIPPED : addToOpen(customer, open.get(), judged, queued, now);
            }
            var lastResolved = events.lastResolvedAt(customer, conversation);
            if (lastResolved.isPresent()
                    && lastResolved.get().plus(Duration.ofMinutes(lead.cooldownMinutes())).isAfter(now)) {
                log.debug("Escalation of {} suppressed: rule '{}' cooling down", conversation, lead.name());
                return Outcome.COOLING_DOWN;
            }
            var escalation = new Escalation(EscalationId.random(), customer, conversation, messageId, lead.id(),
                    lead.name(), judged.reason(), severity, EscalationStatus.OPEN, now, now,
                    1, null, null, null, null, null, null, null);
            if (!events.insertIfNoneOpen(escalation, queued)) {
                // another evaluation (message or replica) opened one a moment ago
                var other = events.openFor(customer, conversation);
                return other.isPresent() && !fromScheduler
                        ? addToOpen(customer, other.get(), judged, queued, now) : Outcome.SKIPPED;
            }
            events.addHistoryLine(customer, escalation.id(), "opened",
                    "Opened by rule “" + lead.name() + "” (" + severity.dbValue() + "): " + escalation.reason());
            // only high and critical escalations page people; the rest wait on the desk
            if (severity.ordinal() >= Severity.HIGH.ordinal()
                    && matches.stream().anyMatch(m -> m.rule().actions().contains(RuleAction.NOTIFY))) {
                for (var channel : targets.channelsFor(escalation.severity())) {
                    notifications.enqueue(customer, escalation.id(), channel);
                }
            }
            publisher.publishEvent(new ConversationEscalated(escalation.id(), conversation, customer,
                    lead.id(), escalation.severity(), escalation.reason(), now));
            liveUpdates.publish(LiveUpdate.of(customer.value(), LiveUpdate.Kind.ESCALATION_OPENED, conversation.value()));
            return Outcome.OPENED;
        });
        if (result == Outcome.OPENED) {
            var opened = transactions.readInTenant(customer, () -> events.openFor(customer, conversation));
            opened.ifPresent(e -> afterCommit(() -> runActions(customer, details, e, matches)));
        }
        return result;
    }

    /**
     * Runs the work now, or, inside a transaction (the analysis' unit of work), on its own thread once that
     * transaction committed: actions change the conversation in transactions of their own and must neither see an
     * uncommitted escalation nor roll the analysis back when they fail.
     */
    private static void afterCommit(Runnable work) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Thread.ofVirtual().name("escalation-actions").start(work);
            }
        });
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
        if (open.severity().ordinal() < Severity.HIGH.ordinal() && severity.ordinal() >= Severity.HIGH.ordinal()
                && judged.matches().stream().anyMatch(m -> m.rule().actions().contains(RuleAction.NOTIFY))) {
            for (var channel : targets.channelsFor(severity)) {
                notifications.enqueue(customer, open.id(), channel);
            }
        }
        liveUpdates.publish(LiveUpdate.of(customer.value(), LiveUpdate.Kind.ESCALATION_UPDATED, open.conversationId().value()));
        return Outcome.ADDED_TO_OPEN;
    }

    /** After commit: actions never undo or block the escalation; a failure is written to its history. */
    private void runActions(CustomerId customer, ConversationFacts conversation, Escalation escalation,
            List<Assessment.Match> matches) {
        var actions = matches.stream().flatMap(m -> m.rule().actions().stream()).collect(
                java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(RuleAction.class)));
        if (actions.contains(RuleAction.RAISE_PRIORITY)) {
            var target = escalation.severity().ordinal() >= Severity.HIGH.ordinal() ? Priority.URGENT : Priority.HIGH;
            if (conversation.priority().ordinal() < target.ordinal()) {
                action(customer, escalation, "Priority raised to " + target.dbValue(),
                        () -> conversations.changePriority(customer, conversation.id(), target));
            }
        }
        if (actions.contains(RuleAction.ASSIGN_SUPERVISOR)) {
            var supervisors = tenancy.users(customer).stream().filter(u -> u.role() == Role.SUPERVISOR && u.enabled())
                    .sorted(Comparator.comparing(u -> u.displayName())).toList();
            var alreadySupervisor = supervisors.stream().anyMatch(u -> u.id().equals(conversation.assigneeId()));
            if (!supervisors.isEmpty() && !alreadySupervisor) {
                var supervisor = supervisors.getFirst();
                action(customer, escalation, "Assigned to " + supervisor.displayName(), () -> {
                    conversations.assign(customer, conversation.id(), supervisor.id());
                    transactions.inTenant(customer, () -> {
                        events.assignTo(escalation.id(), supervisor.id(), supervisor.displayName());
                        return null;
                    });
                });
            }
        }
    }

    private void action(CustomerId customer, Escalation escalation, String done, Runnable work) {
        String line;
        String kind;
        try {
            work.run();
            line = done;
            kind = "action";
        } catch (RuntimeException e) {
            log.warn("Escalation {} action failed: {}", escalation.id(), e.toString());
            line = "Action failed (" + done.toLowerCase() + "): " + e.getMessage();
            kind = "action-failed";
        }
        var text = line;
        var k = kind;
        transactions.inTenant(customer, () -> {
            events.addHistoryLine(customer, escalation.id(), k, text);
            return null;
        });
        liveUpdates.publish(LiveUpdate.of(customer.value(), LiveUpdate.Kind.ESCALATION_UPDATED, escalation.conversationId().value()));
    }

    Optional<Escalation> open(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(customer, () -> events.openFor(customer, conversation));
    }
}

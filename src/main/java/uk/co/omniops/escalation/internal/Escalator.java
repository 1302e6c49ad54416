package uk.co.omniops.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
            PredictionManagement predictions) {
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
        var actions = transactions.inTenant(customer, () -> evaluateAll(customer, stamped, outcomes));
        if (!actions.isEmpty()) {
            afterCommit(() -> actions.forEach(Runnable::run));
        }
        return outcomes;
    }

    /** What a batch does to one conversation's escalation, worked out in memory before anything is written. */
    private static final class Plan {
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
        final Map<MessageId, Outcome> outcomes = new LinkedHashMap<>();

        Plan(ConversationFacts details, @Nullable Escalation existing) {
            this.details = details;
            this.existing = existing;
            this.severity = existing == null ? null : existing.severity();
        }

        @Nullable
        Escalation current() {
            return existing != null ? existing : opened;
        }
    }

    private record Judged(Batched message, Assessment assessment) {}

    private List<Runnable> evaluateAll(CustomerId customer, List<Batched> batch, Map<MessageId, Outcome> outcomes) {
        var fresh =
                signals.storeAll(customer, batch.stream().map(Batched::message).toList());
        if (!flags.isEnabled(customer, Feature.AUTO_ESCALATION)) {
            batch.forEach(b -> outcomes.put(b.message().messageId(), Outcome.DISABLED));
            return List.of();
        }
        var todo = new ArrayList<Batched>();
        for (var b : batch) {
            if (!fresh.contains(b.message().messageId().value())
                    || b.conversation().status() == ConversationStatus.RESOLVED) {
                outcomes.put(b.message().messageId(), Outcome.SKIPPED);
            } else {
                todo.add(b);
            }
        }
        var rules = ruleService.rules(customer).stream().filter(Rule::enabled).toList();
        if (todo.isEmpty() || rules.isEmpty()) {
            todo.forEach(b -> outcomes.put(b.message().messageId(), Outcome.NO_MATCH));
            return List.of();
        }
        var conversationIds = todo.stream()
                .map(b -> b.message().conversationId())
                .distinct()
                .sorted(Comparator.comparing(ConversationId::value))
                .toList();
        // the batch's messages of each conversation, in the batch's order: a message's history ends at its own
        var ofConversation = new HashMap<ConversationId, List<MessageId>>();
        batch.forEach(b -> ofConversation
                .computeIfAbsent(b.message().conversationId(), c -> new ArrayList<>())
                .add(b.message().messageId()));
        var most = ofConversation.values().stream().mapToInt(List::size).max().orElse(0);
        var recent = signals.recentAll(conversationIds, HISTORY + most);
        var needsRisk = rules.stream().anyMatch(r -> RuleEvaluator.needsPrediction(r.condition()));
        var risks = needsRisk ? predictions.currentRisks(customer, conversationIds) : Map.<ConversationId, Double>of();
        var now = Instant.now();
        var judged = new ArrayList<Judged>();
        for (var b : todo) {
            var m = b.message();
            var own = ofConversation.get(m.conversationId());
            var later = Set.copyOf(own.subList(own.indexOf(m.messageId()) + 1, own.size()).stream()
                    .map(MessageId::value)
                    .toList());
            var history = recent.getOrDefault(m.conversationId(), List.of()).stream()
                    .filter(s -> !later.contains(s.messageId()))
                    .limit(HISTORY)
                    .map(Signals.StoredSignal::signal)
                    .toList()
                    .reversed();
            var current = new Facts.Signal(m.score(), m.label(), m.confidence(), Set.copyOf(m.categories()));
            var facts = new Facts(
                    current,
                    b.text(),
                    history,
                    b.conversation().waitingAt(now),
                    b.conversation().vip(),
                    needsRisk ? risks.get(m.conversationId()) : null);
            var assessment = Assessment.of(rules, ruleService.evaluator(), facts);
            if (assessment.isEmpty()) {
                outcomes.put(m.messageId(), Outcome.NO_MATCH);
            } else {
                judged.add(new Judged(b, assessment.get()));
            }
        }
        if (judged.isEmpty()) {
            return List.of();
        }
        var matched = judged.stream()
                .map(j -> j.message().message().conversationId())
                .distinct()
                .sorted(Comparator.comparing(ConversationId::value))
                .toList();
        var byConversation = new LinkedHashMap<ConversationId, List<Judged>>();
        matched.forEach(c -> byConversation.put(c, new ArrayList<>()));
        judged.forEach(
                j -> byConversation.get(j.message().message().conversationId()).add(j));
        var open = events.lockOpenFor(customer, matched);
        var resolved = events.lastResolvedAt(
                customer, matched.stream().filter(c -> !open.containsKey(c)).toList());
        var plans = new LinkedHashMap<ConversationId, Plan>();
        for (var entry : byConversation.entrySet()) {
            var details = entry.getValue().getFirst().message().conversation();
            plans.put(
                    entry.getKey(),
                    plan(customer, details, open.get(entry.getKey()), resolved.get(entry.getKey()), entry.getValue()));
        }
        var opening = plans.values().stream().filter(p -> p.opened != null).toList();
        var inserted = events.insertAllIfNoneOpen(
                opening.stream().map(Escalator::asInserted).toList(),
                opening.stream().filter(p -> p.queued).map(p -> p.opened.id()).collect(Collectors.toSet()));
        var lost = opening.stream()
                .map(p -> p.details.id())
                .filter(c -> !inserted.contains(c))
                .toList();
        if (!lost.isEmpty()) {
            // another evaluation (a message elsewhere, the wait-time scheduler, a replica) opened one a moment ago
            var others = events.lockOpenFor(customer, lost);
            for (var conversation : lost) {
                var other = others.get(conversation);
                var items = byConversation.get(conversation);
                if (other == null) {
                    plans.remove(conversation);
                    items.forEach(j -> outcomes.put(j.message().message().messageId(), Outcome.SKIPPED));
                } else {
                    plans.put(
                            conversation,
                            plan(customer, items.getFirst().message().conversation(), other, null, items));
                }
            }
        }
        events.matchedAgainAll(plans.values().stream()
                .filter(p -> p.existing != null && p.again > 0)
                .map(p -> new EscalationEvents.MatchedAgain(
                        p.existing.id(),
                        p.details.id(),
                        p.again,
                        Objects.requireNonNull(p.severity),
                        p.queued,
                        Objects.requireNonNull(p.lastMatched)))
                .toList());
        events.addHistoryLines(
                customer,
                plans.values().stream()
                        .flatMap(p -> p.lines.stream())
                        .sorted(Comparator.comparing(EscalationEvents.HistoryLine::at))
                        .toList());
        notifications.enqueueAll(
                customer,
                plans.values().stream().flatMap(p -> p.notify.stream()).toList());
        var actions = new ArrayList<Runnable>();
        for (var plan : plans.values()) {
            outcomes.putAll(plan.outcomes);
            var conversation = plan.details.id();
            if (plan.opened != null) {
                var e = plan.opened;
                publisher.publishEvent(new ConversationEscalated(
                        e.id(),
                        conversation,
                        customer,
                        e.ruleId(),
                        Objects.requireNonNull(plan.openedSeverity),
                        e.reason(),
                        e.openedAt()));
                liveUpdates.publish(
                        LiveUpdate.of(customer.value(), LiveUpdate.Kind.ESCALATION_OPENED, conversation.value()));
                var asOpened = asInserted(plan);
                var matches = plan.openingMatches;
                actions.add(() -> runActions(customer, plan.details, asOpened, matches));
            } else if (plan.again > 0) {
                liveUpdates.publish(
                        LiveUpdate.of(customer.value(), LiveUpdate.Kind.ESCALATION_UPDATED, conversation.value()));
            }
        }
        return actions;
    }

    /**
     * One conversation's messages of the batch that matched a rule, in order, against its open escalation (or its
     * last resolution's cool-down): what {@link #apply} and {@link #addToOpen} do message after message, in memory.
     */
    private Plan plan(
            CustomerId customer,
            ConversationFacts details,
            @Nullable Escalation existing,
            @Nullable Instant lastResolved,
            List<Judged> items) {
        var plan = new Plan(details, existing);
        var now = Instant.now();
        for (var item : items) {
            var judged = item.assessment();
            var message = item.message().message();
            var at = message.at();
            var lead = judged.lead();
            var queued =
                    judged.matches().stream().anyMatch(m -> m.rule().actions().contains(RuleAction.SUPERVISOR_QUEUE));
            var notify =
                    judged.matches().stream().anyMatch(m -> m.rule().actions().contains(RuleAction.NOTIFY));
            var current = plan.current();
            if (current != null) {
                var before = Objects.requireNonNull(plan.severity);
                var severity = before.ordinal() >= judged.severity().ordinal() ? before : judged.severity();
                var text = "Matched again: rule “" + lead.name() + "”: " + judged.reason();
                if (severity != before) {
                    text += " — severity raised to " + severity.dbValue();
                }
                plan.lines.add(new EscalationEvents.HistoryLine(current.id(), "matched", text, at));
                // an escalation that opened below high pages people once, when a later message grades it high
                if (before.ordinal() < Severity.HIGH.ordinal()
                        && severity.ordinal() >= Severity.HIGH.ordinal()
                        && notify) {
                    targets.channelsFor(severity).forEach(c -> plan.notify.add(Map.entry(current.id(), c)));
                }
                plan.severity = severity;
                plan.again++;
                plan.queued |= queued;
                plan.lastMatched = at;
                plan.outcomes.put(message.messageId(), Outcome.ADDED_TO_OPEN);
                continue;
            }
            if (lastResolved != null
                    && lastResolved
                            .plus(Duration.ofMinutes(lead.cooldownMinutes()))
                            .isAfter(now)) {
                log.debug("Escalation of {} suppressed: rule '{}' cooling down", details.id(), lead.name());
                plan.outcomes.put(message.messageId(), Outcome.COOLING_DOWN);
                continue;
            }
            var severity = judged.severity();
            var escalation = new Escalation(
                    EscalationId.random(),
                    customer,
                    details.id(),
                    message.messageId(),
                    lead.id(),
                    lead.name(),
                    judged.reason(),
                    severity,
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
            plan.opened = escalation;
            plan.openedSeverity = severity;
            plan.severity = severity;
            plan.queued = queued;
            plan.lastMatched = at;
            plan.openingMatches = judged.matches();
            plan.lines.add(new EscalationEvents.HistoryLine(
                    escalation.id(),
                    "opened",
                    "Opened by rule “" + lead.name() + "” (" + severity.dbValue() + "): " + escalation.reason(),
                    at));
            // only high and critical escalations page people; the rest wait on the desk
            if (severity.ordinal() >= Severity.HIGH.ordinal() && notify) {
                targets.channelsFor(severity).forEach(c -> plan.notify.add(Map.entry(escalation.id(), c)));
            }
            plan.outcomes.put(message.messageId(), Outcome.OPENED);
        }
        return plan;
    }

    /** A plan's new escalation as it is inserted: matched again by the batch's later messages already. */
    private static Escalation asInserted(Plan plan) {
        var e = Objects.requireNonNull(plan.opened);
        return new Escalation(
                e.id(),
                e.customerId(),
                e.conversationId(),
                e.messageId(),
                e.ruleId(),
                e.ruleName(),
                e.reason(),
                Objects.requireNonNull(plan.severity),
                EscalationStatus.OPEN,
                e.openedAt(),
                Objects.requireNonNull(plan.lastMatched),
                1 + plan.again,
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
                    && lastResolved
                            .get()
                            .plus(Duration.ofMinutes(lead.cooldownMinutes()))
                            .isAfter(now)) {
                log.debug("Escalation of {} suppressed: rule '{}' cooling down", conversation, lead.name());
                return Outcome.COOLING_DOWN;
            }
            var escalation = new Escalation(
                    EscalationId.random(),
                    customer,
                    conversation,
                    messageId,
                    lead.id(),
                    lead.name(),
                    judged.reason(),
                    severity,
                    EscalationStatus.OPEN,
                    now,
                    now,
                    1,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            if (!events.insertIfNoneOpen(escalation, queued)) {
                // another evaluation (message or replica) opened one a moment ago
                var other = events.openFor(customer, conversation);
                return other.isPresent() && !fromScheduler
                        ? addToOpen(customer, other.get(), judged, queued, now)
                        : Outcome.SKIPPED;
            }
            events.addHistoryLine(
                    customer,
                    escalation.id(),
                    "opened",
                    "Opened by rule “" + lead.name() + "” (" + severity.dbValue() + "): " + escalation.reason());
            // only high and critical escalations page people; the rest wait on the desk
            if (severity.ordinal() >= Severity.HIGH.ordinal()
                    && matches.stream().anyMatch(m -> m.rule().actions().contains(RuleAction.NOTIFY))) {
                for (var channel : targets.channelsFor(escalation.severity())) {
                    notifications.enqueue(customer, escalation.id(), channel);
                }
            }
            publisher.publishEvent(new ConversationEscalated(
                    escalation.id(),
                    conversation,
                    customer,
                    lead.id(),
                    escalation.severity(),
                    escalation.reason(),
                    now));
            liveUpdates.publish(
                    LiveUpdate.of(customer.value(), LiveUpdate.Kind.ESCALATION_OPENED, conversation.value()));
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

    /** After commit: actions never undo or block the escalation; a failure is written to its history. */
    private void runActions(
            CustomerId customer,
            ConversationFacts conversation,
            Escalation escalation,
            List<Assessment.Match> matches) {
        var actions = matches.stream()
                .flatMap(m -> m.rule().actions().stream())
                .collect(java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(RuleAction.class)));
        if (actions.contains(RuleAction.RAISE_PRIORITY)) {
            var target = escalation.severity().ordinal() >= Severity.HIGH.ordinal() ? Priority.URGENT : Priority.HIGH;
            if (conversation.priority().ordinal() < target.ordinal()) {
                action(
                        customer,
                        escalation,
                        "Priority raised to " + target.dbValue(),
                        () -> conversations.changePriority(customer, conversation.id(), target));
            }
        }
        if (actions.contains(RuleAction.ASSIGN_SUPERVISOR)) {
            var supervisors = tenancy.users(customer).stream()
                    .filter(u -> u.role() == Role.SUPERVISOR && u.enabled())
                    .sorted(Comparator.comparing(u -> u.displayName()))
                    .toList();
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
        liveUpdates.publish(LiveUpdate.of(
                customer.value(),
                LiveUpdate.Kind.ESCALATION_UPDATED,
                escalation.conversationId().value()));
    }

    Optional<Escalation> open(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(customer, () -> events.openFor(customer, conversation));
    }
}

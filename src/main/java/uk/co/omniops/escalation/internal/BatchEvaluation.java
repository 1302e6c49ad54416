package uk.co.omniops.escalation.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.escalation.ConversationEscalated;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.prediction.PredictionManagement;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.tenancy.CustomerId;

/**
 * A batch of the analysis through the escalation rules with a bounded number of statements (see
 * {@link Escalator#onAnalysedAll}): store the signals, judge each new message in memory, plan each matched
 * conversation ({@link EscalationPlan}), then write, notify and announce in one statement each.
 */
@Component
class BatchEvaluation {

    private final Signals signals;
    private final FeatureFlags flags;
    private final RuleService ruleService;
    private final PredictionManagement predictions;
    private final EscalationEvents events;
    private final NotificationTargets targets;
    private final Notifications notifications;
    private final ApplicationEventPublisher publisher;
    private final LiveUpdates liveUpdates;
    private final EscalationActions escalationActions;

    BatchEvaluation(
            Signals signals,
            FeatureFlags flags,
            RuleService ruleService,
            PredictionManagement predictions,
            EscalationEvents events,
            NotificationTargets targets,
            Notifications notifications,
            ApplicationEventPublisher publisher,
            LiveUpdates liveUpdates,
            EscalationActions escalationActions) {
        this.signals = signals;
        this.flags = flags;
        this.ruleService = ruleService;
        this.predictions = predictions;
        this.events = events;
        this.targets = targets;
        this.notifications = notifications;
        this.publisher = publisher;
        this.liveUpdates = liveUpdates;
        this.escalationActions = escalationActions;
    }

    /**
     * Evaluates a batch in the caller's tenant transaction; fills in each message's outcome.
     *
     * @return the new escalations' actions, to run after commit
     */
    List<Runnable> evaluateAll(
            CustomerId customer, List<Escalator.Batched> batch, Map<MessageId, Escalator.Outcome> outcomes) {
        var fresh = signals.storeAll(
                customer, batch.stream().map(Escalator.Batched::message).toList());
        if (!flags.isEnabled(customer, Feature.AUTO_ESCALATION)) {
            batch.forEach(b -> outcomes.put(b.message().messageId(), Escalator.Outcome.DISABLED));
            return List.of();
        }
        var todo = new ArrayList<Escalator.Batched>();
        for (var b : batch) {
            if (!fresh.contains(b.message().messageId().value())
                    || b.conversation().status() == ConversationStatus.RESOLVED) {
                outcomes.put(b.message().messageId(), Escalator.Outcome.SKIPPED);
            } else {
                todo.add(b);
            }
        }
        var rules = ruleService.rules(customer).stream().filter(Rule::enabled).toList();
        if (todo.isEmpty() || rules.isEmpty()) {
            todo.forEach(b -> outcomes.put(b.message().messageId(), Escalator.Outcome.NO_MATCH));
            return List.of();
        }
        var judged = judgeAll(customer, batch, todo, rules, outcomes);
        if (judged.isEmpty()) {
            return List.of();
        }
        var byConversation = new LinkedHashMap<ConversationId, List<EscalationPlan.Judged>>();
        judged.stream()
                .map(j -> j.message().message().conversationId())
                .distinct()
                .sorted(Comparator.comparing(ConversationId::value))
                .forEach(c -> byConversation.put(c, new ArrayList<>()));
        judged.forEach(
                j -> byConversation.get(j.message().message().conversationId()).add(j));
        var plans = planAll(customer, byConversation);
        insertOpened(customer, plans, byConversation, outcomes);
        writeAll(customer, plans);
        return announceAll(customer, plans, outcomes);
    }

    /** The rules' verdict on each message still to evaluate, with its conversation's history up to that message. */
    private List<EscalationPlan.Judged> judgeAll(
            CustomerId customer,
            List<Escalator.Batched> batch,
            List<Escalator.Batched> todo,
            List<Rule> rules,
            Map<MessageId, Escalator.Outcome> outcomes) {
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
        var recent = signals.recentAll(conversationIds, Escalator.HISTORY + most);
        var needsRisk = rules.stream().anyMatch(r -> RuleEvaluator.needsPrediction(r.condition()));
        var risks = needsRisk ? predictions.currentRisks(customer, conversationIds) : Map.<ConversationId, Double>of();
        var now = Instant.now();
        var judged = new ArrayList<EscalationPlan.Judged>();
        for (var b : todo) {
            var m = b.message();
            var own = ofConversation.get(m.conversationId());
            var later = Set.copyOf(own.subList(own.indexOf(m.messageId()) + 1, own.size()).stream()
                    .map(MessageId::value)
                    .toList());
            var history = recent.getOrDefault(m.conversationId(), List.of()).stream()
                    .filter(s -> !later.contains(s.messageId()))
                    .limit(Escalator.HISTORY)
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
                outcomes.put(m.messageId(), Escalator.Outcome.NO_MATCH);
            } else {
                judged.add(new EscalationPlan.Judged(b, assessment.get()));
            }
        }
        return judged;
    }

    /** Plans each matched conversation against its open escalation (locked, in conversation order) or cool-down. */
    private LinkedHashMap<ConversationId, EscalationPlan> planAll(
            CustomerId customer, LinkedHashMap<ConversationId, List<EscalationPlan.Judged>> byConversation) {
        var matched = List.copyOf(byConversation.keySet());
        var open = events.lockOpenFor(customer, matched);
        var resolved = events.lastResolvedAt(
                customer, matched.stream().filter(c -> !open.containsKey(c)).toList());
        var plans = new LinkedHashMap<ConversationId, EscalationPlan>();
        for (var entry : byConversation.entrySet()) {
            var details = entry.getValue().getFirst().message().conversation();
            plans.put(
                    entry.getKey(),
                    EscalationPlan.of(
                            customer,
                            details,
                            open.get(entry.getKey()),
                            resolved.get(entry.getKey()),
                            entry.getValue(),
                            targets));
        }
        return plans;
    }

    /**
     * Inserts the plans' new escalations; a conversation that got one from elsewhere meanwhile is planned again
     * against it.
     */
    private void insertOpened(
            CustomerId customer,
            LinkedHashMap<ConversationId, EscalationPlan> plans,
            Map<ConversationId, List<EscalationPlan.Judged>> byConversation,
            Map<MessageId, Escalator.Outcome> outcomes) {
        var opening = plans.values().stream().filter(p -> p.opened != null).toList();
        var inserted = events.insertAllIfNoneOpen(
                opening.stream().map(EscalationPlan::asInserted).toList(),
                opening.stream()
                        .filter(p -> p.queued)
                        .map(p -> Objects.requireNonNull(p.opened).id())
                        .collect(Collectors.toSet()));
        var lost = opening.stream()
                .map(p -> p.details.id())
                .filter(c -> !inserted.contains(c))
                .toList();
        if (lost.isEmpty()) {
            return;
        }
        // another evaluation (a message elsewhere, the wait-time scheduler, a replica) opened one a moment ago
        var others = events.lockOpenFor(customer, lost);
        for (var conversation : lost) {
            var other = others.get(conversation);
            var items = byConversation.get(conversation);
            if (other == null) {
                plans.remove(conversation);
                items.forEach(j -> outcomes.put(j.message().message().messageId(), Escalator.Outcome.SKIPPED));
            } else {
                plans.put(
                        conversation,
                        EscalationPlan.of(
                                customer, items.getFirst().message().conversation(), other, null, items, targets));
            }
        }
    }

    /** The open escalations matched again, the history lines and the notifications: one statement each. */
    private void writeAll(CustomerId customer, Map<ConversationId, EscalationPlan> plans) {
        events.matchedAgainAll(plans.values().stream()
                .filter(p -> p.existing != null && p.again > 0)
                .map(p -> new EscalationEvents.MatchedAgain(
                        Objects.requireNonNull(p.existing).id(),
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
    }

    /** Publishes the events and live updates; returns the new escalations' actions, to run after commit. */
    private List<Runnable> announceAll(
            CustomerId customer,
            Map<ConversationId, EscalationPlan> plans,
            Map<MessageId, Escalator.Outcome> outcomes) {
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
                var asOpened = plan.asInserted();
                var matches = plan.openingMatches;
                actions.add(() -> escalationActions.run(customer, plan.details, asOpened, matches));
            } else if (plan.again > 0) {
                liveUpdates.publish(
                        LiveUpdate.of(customer.value(), LiveUpdate.Kind.ESCALATION_UPDATED, conversation.value()));
            }
        }
        return actions;
    }
}

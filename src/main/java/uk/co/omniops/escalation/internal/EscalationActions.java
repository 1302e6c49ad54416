package uk.co.omniops.escalation.internal;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.co.omniops.conversation.ConversationFacts;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.Priority;
import uk.co.omniops.escalation.Escalation;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * A new escalation's actions on its conversation (raise the priority, assign a supervisor), run after commit: they
 * never undo or block the escalation, and a failure is written to its history.
 */
@Component
class EscalationActions {

    private static final Logger log = LoggerFactory.getLogger(EscalationActions.class);

    private final ConversationManagement conversations;
    private final TenancyManagement tenancy;
    private final TenantTransactions transactions;
    private final EscalationEvents events;
    private final LiveUpdates liveUpdates;

    EscalationActions(
            ConversationManagement conversations,
            TenancyManagement tenancy,
            TenantTransactions transactions,
            EscalationEvents events,
            LiveUpdates liveUpdates) {
        this.conversations = conversations;
        this.tenancy = tenancy;
        this.transactions = transactions;
        this.events = events;
        this.liveUpdates = liveUpdates;
    }

    /**
     * Runs the work now, or, inside a transaction (the analysis' unit of work), on its own thread once that
     * transaction committed: actions change the conversation in transactions of their own and must neither see an
     * uncommitted escalation nor roll the analysis back when they fail.
     */
    static void afterCommit(Runnable work) {
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

    /** Runs the actions of the rules that opened the escalation; call after commit. */
    void run(
            CustomerId customer,
            ConversationFacts conversation,
            Escalation escalation,
            List<Assessment.Match> matches) {
        var actions = matches.stream()
                .flatMap(m -> m.rule().actions().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RuleAction.class)));
        if (actions.contains(RuleAction.RAISE_PRIORITY)) {
            raisePriority(customer, conversation, escalation);
        }
        if (actions.contains(RuleAction.ASSIGN_SUPERVISOR)) {
            assignSupervisor(customer, conversation, escalation);
        }
    }

    private void raisePriority(CustomerId customer, ConversationFacts conversation, Escalation escalation) {
        var target = escalation.severity().ordinal() >= Severity.HIGH.ordinal() ? Priority.URGENT : Priority.HIGH;
        if (conversation.priority().ordinal() < target.ordinal()) {
            action(
                    customer,
                    escalation,
                    "Priority raised to " + target.dbValue(),
                    () -> conversations.changePriority(customer, conversation.id(), target));
        }
    }

    private void assignSupervisor(CustomerId customer, ConversationFacts conversation, Escalation escalation) {
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
}

package uk.co.omniops.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.escalation.internal.EscalationEvents;
import uk.co.omniops.escalation.internal.RuleService;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.tenancy.UserAccount;

/**
 * The escalation module's API. Every method takes the customer explicitly and runs under that tenant (row-level
 * security): another customer's escalation is simply not found. Changes publish a {@code LiveUpdate}
 * ({@code escalation.updated}, subject = conversation) after commit.
 */
@Service
public class EscalationManagement {

    /** Upper bound for list results. */
    public static final int MAX_LIST = 500;

    private final EscalationEvents events;
    private final TenantTransactions transactions;
    private final ConversationManagement conversations;
    private final TenancyManagement tenancy;
    private final LiveUpdates liveUpdates;
    private final RuleService rules;

    EscalationManagement(
            EscalationEvents events,
            TenantTransactions transactions,
            ConversationManagement conversations,
            TenancyManagement tenancy,
            LiveUpdates liveUpdates,
            RuleService rules) {
        this.rules = rules;
        this.events = events;
        this.transactions = transactions;
        this.conversations = conversations;
        this.tenancy = tenancy;
        this.liveUpdates = liveUpdates;
    }

    /** Open and acknowledged escalations in the supervisors' queue, most severe first, then oldest first. */
    public List<Escalation> open(CustomerId customer) {
        return open(customer, Set.of(), Set.of(), true);
    }

    /**
     * @param severities empty = all
     * @param statuses OPEN and/or ACKNOWLEDGED; empty = both
     * @param queuedOnly false includes escalations whose rules did not put them in the supervisors' queue
     */
    public List<Escalation> open(
            CustomerId customer, Set<Severity> severities, Set<EscalationStatus> statuses, boolean queuedOnly) {
        return transactions.readInTenant(
                customer, () -> events.open(customer, severities, statuses, queuedOnly, MAX_LIST));
    }

    /**
     * The desk: {@link #open(CustomerId, Set, Set, boolean)} with each conversation's contact, subject, messages and
     * wait time against the customer's first-response SLA; most severe first, then oldest. Bounded by {@link #MAX_LIST}.
     */
    public List<EscalationDeskRow> desk(
            CustomerId customer, Set<Severity> severities, Set<EscalationStatus> statuses, boolean queuedOnly) {
        var sla = (int) tenancy.firstResponseSla(customer).toMinutes();
        var now = java.time.Instant.now();
        var rows = new java.util.ArrayList<EscalationDeskRow>();
        for (var e : open(customer, severities, statuses, queuedOnly)) {
            conversations.find(customer, e.conversationId()).ifPresent(d -> {
                var visible = d.messages().stream().filter(m -> !m.internal()).toList();
                rows.add(new EscalationDeskRow(
                        e,
                        d.contact().name(),
                        d.contact().email(),
                        d.conversation().subject(),
                        d.conversation().channel(),
                        RuleService.waitingAt(d, now),
                        sla,
                        visible));
            });
        }
        return rows;
    }

    /** Escalations with one status; open ones sorted like {@link #open}, others most recent first. */
    public List<Escalation> byStatus(CustomerId customer, EscalationStatus status, int limit) {
        var bounded = Math.max(1, Math.min(limit, MAX_LIST));
        return transactions.readInTenant(
                customer,
                () -> status == EscalationStatus.RESOLVED
                        ? events.byStatus(customer, status, bounded)
                        : events.open(customer, Set.of(), Set.of(status), false, bounded));
    }

    public Optional<Escalation> find(CustomerId customer, EscalationId id) {
        return transactions.readInTenant(customer, () -> events.findById(customer, id));
    }

    /** The open (or acknowledged) escalation of a conversation, if any. */
    public Optional<Escalation> forConversation(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(customer, () -> events.openFor(customer, conversation));
    }

    /** For the API's conversation representation ({@code "escalation"}); empty when none is open. */
    public Optional<CurrentEscalation> current(CustomerId customer, ConversationId conversation) {
        return forConversation(customer, conversation).map(CurrentEscalation::of);
    }

    /** Oldest first: openings, repeat matches, actions, acknowledge/assign/resolve and notification results. */
    public List<EscalationHistoryEntry> history(CustomerId customer, EscalationId id) {
        return transactions.readInTenant(customer, () -> events.history(customer, id));
    }

    /** Today (UTC) for one customer. */
    public EscalationCounts today(CustomerId customer) {
        var midnight =
                LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        return transactions.readInTenant(customer, () -> events.counts(customer, midnight));
    }

    /** Open → acknowledged; already acknowledged or resolved: no change. */
    public Escalation acknowledge(CustomerId customer, EscalationId id, UserAccount by) {
        requireStaff(customer, by);
        return change(customer, id, e -> {
            if (e.status() == EscalationStatus.OPEN) {
                events.acknowledgeBy(e.id(), by.displayName(), Instant.now());
                events.addHistoryLine(customer, e.id(), "acknowledged", "Acknowledged by " + by.displayName());
            }
        });
    }

    /**
     * Gives the escalation (and its conversation) to a supervisor of the same customer.
     *
     * @throws IllegalArgumentException when the user is not a supervisor of this customer
     */
    public Escalation assign(CustomerId customer, EscalationId id, UUID supervisorId, UserAccount by) {
        requireStaff(customer, by);
        var supervisor = supervisors(customer).stream()
                .filter(u -> u.id().equals(supervisorId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a supervisor of this customer"));
        var escalation = find(customer, id).orElseThrow(() -> new EscalationNotFound(id));
        if (escalation.status() == EscalationStatus.RESOLVED) {
            return escalation;
        }
        conversations.assign(customer, escalation.conversationId(), supervisor.id());
        return change(customer, id, e -> {
            events.assignTo(e.id(), supervisor.id(), supervisor.displayName());
            events.addHistoryLine(
                    customer,
                    e.id(),
                    "assigned",
                    "Assigned to " + supervisor.displayName() + " by " + by.displayName());
        });
    }

    /** Resolves (acknowledging it too if needed). Already resolved: no change. */
    public Escalation resolve(CustomerId customer, EscalationId id, @Nullable String note, UserAccount by) {
        requireStaff(customer, by);
        var clean = note == null || note.isBlank() ? null : note.strip();
        if (clean != null && clean.length() > 2000) {
            throw new IllegalArgumentException("The note may have at most 2,000 characters");
        }
        return change(customer, id, e -> {
            if (e.status() != EscalationStatus.RESOLVED) {
                var now = Instant.now();
                events.resolveBy(e.id(), by.displayName(), clean, now);
                events.addHistoryLine(
                        customer,
                        e.id(),
                        "resolved",
                        "Resolved by " + by.displayName() + (clean == null ? "" : ": " + clean));
            }
        });
    }

    /**
     * Closes the conversation's open escalation because the conversation was resolved: status resolved, note
     * "Conversation resolved by …", a line in its history, so that the desk, the API and the conversation view agree.
     * No open escalation, or one already resolved (a redelivered event): no change.
     */
    public Optional<Escalation> closeForResolvedConversation(
            CustomerId customer, ConversationId conversation, UUID byUser, Instant at) {
        var open = transactions.readInTenant(customer, () -> events.openFor(customer, conversation));
        if (open.isEmpty()) {
            return Optional.empty();
        }
        var by = tenancy.users(customer).stream()
                .filter(u -> u.id().equals(byUser))
                .findFirst()
                .map(UserAccount::displayName)
                .orElse("an agent");
        return Optional.of(change(customer, open.get().id(), e -> {
            if (e.status() != EscalationStatus.RESOLVED) {
                events.resolveBy(e.id(), by, "Conversation resolved by " + by, at);
                events.addHistoryLine(customer, e.id(), "resolved", "Closed: the conversation was resolved by " + by);
            }
        }));
    }

    /** The customer's supervisors (assignment targets), by name. */
    public List<UserAccount> supervisors(CustomerId customer) {
        return tenancy.users(customer).stream()
                .filter(u -> u.role() == Role.SUPERVISOR && u.enabled())
                .sorted(java.util.Comparator.comparing(UserAccount::displayName))
                .toList();
    }

    private Escalation change(CustomerId customer, EscalationId id, java.util.function.Consumer<Escalation> work) {
        var result = transactions.inTenant(customer, () -> {
            var e = events.lockForChange(customer, id).orElseThrow(() -> new EscalationNotFound(id));
            work.accept(e);
            return events.findById(customer, id).orElseThrow();
        });
        liveUpdates.publish(LiveUpdate.of(
                customer.value(),
                LiveUpdate.Kind.ESCALATION_UPDATED,
                result.conversationId().value()));
        return result;
    }

    private static void requireStaff(CustomerId customer, UserAccount by) {
        if (!customer.equals(by.customer()) || by.role() == Role.EXECUTIVE) {
            throw new IllegalArgumentException("only the customer's agents and supervisors may change escalations");
        }
    }
}

package uk.co.omniops.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.escalation.EscalationSettings;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Rules of a customer: listing (seeding the defaults on first use), editing, enabling, and the dry run.
 * <p>
 * Every analysed message is judged against its customer's rules, so the parsed rules are cached per replica:
 * a change drops the copy here at once and, through the {@value #RULES_CHANGED} live update, on the other
 * replicas; a copy is never older than {@link #CACHE_TTL} (live updates are best effort).
 *
 * @see <a href="../../../../../../../docs/decisions/005-escalation.md">decision 005</a>
 */
@Service
public class RuleService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RuleService.class);

    static final LiveUpdate.Kind RULES_CHANGED = LiveUpdate.Kind.RULES_CHANGED;
    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private record Cached(List<Rule> rules, long loadedNanos) {}

    /** Dry-run bounds: conversations, analysed messages per conversation, examples shown. */
    public static final int DRY_RUN_CONVERSATIONS = 200;

    static final int DRY_RUN_MESSAGES = 100;
    static final int DRY_RUN_EXAMPLES = 5;

    /** One conversation the rule would have escalated. */
    public record DryRunExample(ConversationId conversationId, String subject, Instant at, String reason) {}

    /** @param scanned conversations looked at; {@code truncated}: more existed than the bound */
    public record DryRun(int wouldEscalate, int scanned, boolean truncated, List<DryRunExample> examples) {}

    private final Rules rules;
    private final Signals signals;
    private final ConversationManagement conversations;
    private final TenantTransactions transactions;
    private final EscalationSettings settings;
    private final LiveUpdates liveUpdates;
    private final TenancyManagement tenancy;
    private final Map<CustomerId, Cached> cache = new ConcurrentHashMap<>();
    private final Map<CustomerId, Long> evictedNanos = new ConcurrentHashMap<>();
    private final LiveUpdates.Registration registration;

    RuleService(
            Rules rules,
            Signals signals,
            ConversationManagement conversations,
            TenantTransactions transactions,
            EscalationSettings settings,
            LiveUpdates liveUpdates,
            TenancyManagement tenancy) {
        this.tenancy = tenancy;
        this.rules = rules;
        this.signals = signals;
        this.conversations = conversations;
        this.transactions = transactions;
        this.settings = settings;
        this.liveUpdates = liveUpdates;
        this.registration = liveUpdates.subscribeAll(update -> {
            if (update.is(RULES_CHANGED)) {
                evict(new CustomerId(update.customerId()));
            }
        });
    }

    @Override
    public void destroy() {
        registration.close();
    }

    /** Under the key's lock in {@code cache}, as is the check in {@link #rules}: no stale copy slips in between. */
    private void evict(CustomerId customer) {
        cache.compute(customer, (c, old) -> {
            evictedNanos.put(c, System.nanoTime());
            return null;
        });
    }

    /** Drops this replica's copy now and every replica's (this one's again) once the transaction commits. */
    private void changed(CustomerId customer) {
        evict(customer);
        liveUpdates.publish(LiveUpdate.of(customer.value(), RULES_CHANGED, null));
    }

    /** The customer's first-response SLA, which waiting conditions without minutes measure against. */
    public Duration firstResponseSla(CustomerId customer) {
        return tenancy.firstResponseSla(customer);
    }

    /** How long the contact has been waiting for a reply at {@code at}; null when an agent answered last. */
    public static @org.jspecify.annotations.Nullable Duration waitingAt(
            uk.co.omniops.conversation.ConversationDetails d, Instant at) {
        return EscalationFacts.waitingAt(d, at);
    }

    public RuleEvaluator evaluator() {
        return new RuleEvaluator(settings.sentimentThreshold(), settings.confidenceThreshold());
    }

    public String describe(Condition condition) {
        return Condition.describe(condition, settings.sentimentThreshold(), settings.confidenceThreshold());
    }

    /** Does an enabled rule of the customer read the predicted risk? (Only then is the risk read.) */
    public boolean evaluatesPredictions(CustomerId customer) {
        return rules(customer).stream().anyMatch(r -> r.enabled() && RuleEvaluator.needsPrediction(r.condition()));
    }

    /** The customer's rules; the first call for a customer seeds {@link DefaultRules} (once, ever). */
    public List<Rule> rules(CustomerId customer) {
        var cached = cache.get(customer);
        if (cached != null && System.nanoTime() - cached.loadedNanos() < CACHE_TTL.toNanos()) {
            return cached.rules();
        }
        var loadedNanos = System.nanoTime();
        var current = transactions.readInTenant(
                customer, () -> rules.seeded(customer) ? rules.findByCustomer(customer) : null);
        var seededHere = current == null;
        if (seededHere) {
            seedDefaults(customer);
            current = transactions.readInTenant(customer, () -> rules.findByCustomer(customer));
        }
        var loaded = List.copyOf(current);
        Runnable keep = () -> cache.compute(customer, (c, old) -> {
            // a change evicted while this was loading: what was read may predate it, so it is not kept
            var evicted = evictedNanos.get(c);
            return evicted == null || evicted - loadedNanos < 0 ? new Cached(loaded, loadedNanos) : old;
        });
        if (seededHere && TransactionSynchronizationManager.isSynchronizationActive()) {
            // seeded in the caller's transaction (the analysis batch's): the rules exist for other threads only once
            // it commits. Cached before that, another thread's escalation named a rule its transaction could not see
            // (foreign key violation on escalation_events.rule_id); until then, they wait on the seed marker instead.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    keep.run();
                }
            });
        } else {
            keep.run();
        }
        return loaded;
    }

    /**
     * Idempotent: the seed marker and derived ids make concurrent and repeated calls harmless. No cache to evict:
     * a replica that lost the race to seed waits on the winner's marker and then reads the seeded rules.
     */
    public void seedDefaults(CustomerId customer) {
        transactions.inTenant(customer, () -> {
            if (rules.markSeeded(customer)) {
                for (var rule : DefaultRules.forCustomer(customer)) {
                    rules.save(rule, "default rules");
                }
                log.info("Seeded default escalation rules for customer {}", customer);
            }
            return null;
        });
    }

    public Rule save(CustomerId customer, Rule rule, String by) {
        if (!rule.customerId().equals(customer)) {
            throw new IllegalArgumentException("rule belongs to another customer");
        }
        validate(rule);
        rules(customer); // seeds first, so saving a first rule never suppresses the defaults by accident
        transactions.inTenant(customer, () -> {
            rules.save(rule, by);
            changed(customer);
            return null;
        });
        return transactions
                .readInTenant(customer, () -> rules.findById(customer, rule.id()))
                .orElseThrow();
    }

    public void setEnabled(CustomerId customer, UUID ruleId, boolean enabled, String by) {
        var rule = transactions
                .readInTenant(customer, () -> rules.findById(customer, ruleId))
                .orElseThrow(() -> new IllegalArgumentException("no such rule"));
        transactions.inTenant(customer, () -> {
            rules.save(
                    new Rule(
                            rule.id(),
                            customer,
                            rule.name(),
                            enabled,
                            rule.severity(),
                            rule.condition(),
                            rule.actions(),
                            rule.cooldownMinutes(),
                            rule.updatedAt()),
                    by);
            changed(customer);
            return null;
        });
    }

    public void delete(CustomerId customer, UUID ruleId) {
        transactions.inTenant(customer, () -> {
            rules.delete(customer, ruleId);
            changed(customer);
            return null;
        });
    }

    public static void validate(Rule rule) {
        if (rule.name().isBlank() || rule.name().length() > 100) {
            throw new Condition.InvalidCondition("A rule needs a name of 1 to 100 characters");
        }
        if (rule.cooldownMinutes() < 0 || rule.cooldownMinutes() > 10_080) {
            throw new Condition.InvalidCondition("The cool-down is 0 to 10,080 minutes (a week)");
        }
        // round trip through JSON: the same checks as for stored rules
        Condition.parse(Condition.toJson(rule.condition()));
    }

    /**
     * How many conversations with analysed messages in the last 7 days the rule would have escalated (message
     * conditions replayed over the module's own analysis read model, text through the conversation API; wait time
     * judged at each message). Bounded: {@link #DRY_RUN_CONVERSATIONS} conversations, 100 messages each.
     */
    public DryRun dryRun(CustomerId customer, Condition condition) {
        var evaluator = evaluator();
        var sla = tenancy.firstResponseSla(customer);
        var since = Instant.now().minus(Duration.ofDays(7));
        var ids = transactions.readInTenant(
                customer, () -> signals.conversationsSince(customer, since, DRY_RUN_CONVERSATIONS + 1));
        boolean truncated = ids.size() > DRY_RUN_CONVERSATIONS;
        if (truncated) {
            ids = ids.subList(0, DRY_RUN_CONVERSATIONS);
        }
        int hits = 0;
        var examples = new ArrayList<DryRunExample>();
        for (var id : ids) {
            var stored =
                    transactions.readInTenant(customer, () -> signals.ofConversation(customer, id, DRY_RUN_MESSAGES));
            var details = conversations.find(customer, id);
            if (details.isEmpty()) {
                continue;
            }
            var d = details.get();
            var history = new ArrayList<Facts.Signal>();
            for (var s : stored) {
                history.add(s.signal());
                if (s.at().isBefore(since)) {
                    continue;
                }
                var message = d.messages().stream()
                        .filter(m -> m.id().equals(new MessageId(s.messageId())))
                        .findFirst();
                var text = message.map(uk.co.omniops.conversation.Message::text).orElse(null);
                var facts = new Facts(
                                s.signal(),
                                text,
                                history,
                                EscalationFacts.waitingAt(d, s.at()),
                                d.contact().trustedVip(),
                                null)
                        .withSla(sla);
                if (facts.nothingToActOn()) {
                    continue;
                }
                var reason = evaluator.evaluate(condition, facts);
                if (reason.isPresent()) {
                    hits++;
                    if (examples.size() < DRY_RUN_EXAMPLES) {
                        examples.add(new DryRunExample(id, d.conversation().subject(), s.at(), reason.get()));
                    }
                    break;
                }
            }
        }
        return new DryRun(hits, ids.size(), truncated, examples);
    }
}

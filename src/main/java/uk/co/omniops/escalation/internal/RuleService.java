package uk.co.omniops.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.escalation.EscalationSettings;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Rules of a customer: listing (seeding the defaults on first use), editing, enabling, and the dry run.
 *
 * @see <a href="../../../../../../../docs/decisions/005-escalation.md">decision 005</a>
 */
@Service
public class RuleService {

    private static final Logger log = LoggerFactory.getLogger(RuleService.class);

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

    RuleService(Rules rules, Signals signals, ConversationManagement conversations, TenantTransactions transactions,
            EscalationSettings settings) {
        this.rules = rules;
        this.signals = signals;
        this.conversations = conversations;
        this.transactions = transactions;
        this.settings = settings;
    }

    public RuleEvaluator evaluator() {
        return new RuleEvaluator(settings.sentimentThreshold(), settings.confidenceThreshold());
    }

    public String describe(Condition condition) {
        return Condition.describe(condition, settings.sentimentThreshold(), settings.confidenceThreshold());
    }

    /** The customer's rules; the first call for a customer seeds {@link DefaultRules} (once, ever). */
    public List<Rule> rules(CustomerId customer) {
        var current = transactions.readInTenant(customer, () -> rules.seeded(customer) ? rules.findByCustomer(customer)
                : null);
        if (current != null) {
            return current;
        }
        seedDefaults(customer);
        return transactions.readInTenant(customer, () -> rules.findByCustomer(customer));
    }

    /** Idempotent: the seed marker and derived ids make concurrent and repeated calls harmless. */
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
            return null;
        });
        return transactions.readInTenant(customer, () -> rules.findById(customer, rule.id())).orElseThrow();
    }

    public void setEnabled(CustomerId customer, UUID ruleId, boolean enabled, String by) {
        var rule = transactions.readInTenant(customer, () -> rules.findById(customer, ruleId))
                .orElseThrow(() -> new IllegalArgumentException("no such rule"));
        transactions.inTenant(customer, () -> {
            rules.save(new Rule(rule.id(), customer, rule.name(), enabled, rule.severity(), rule.condition(),
                    rule.actions(), rule.cooldownMinutes(), rule.updatedAt()), by);
            return null;
        });
    }

    public void delete(CustomerId customer, UUID ruleId) {
        transactions.inTenant(customer, () -> rules.delete(customer, ruleId));
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
        var since = Instant.now().minus(Duration.ofDays(7));
        var ids = transactions.readInTenant(customer,
                () -> signals.conversationsSince(customer, since, DRY_RUN_CONVERSATIONS + 1));
        boolean truncated = ids.size() > DRY_RUN_CONVERSATIONS;
        if (truncated) {
            ids = ids.subList(0, DRY_RUN_CONVERSATIONS);
        }
        int hits = 0;
        var examples = new ArrayList<DryRunExample>();
        for (var id : ids) {
            var stored = transactions.readInTenant(customer, () -> signals.ofConversation(customer, id, DRY_RUN_MESSAGES));
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
                var message = d.messages().stream().filter(m -> m.id().equals(new MessageId(s.messageId()))).findFirst();
                var text = message.map(uk.co.omniops.conversation.Message::text).orElse(null);
                var facts = new Facts(s.signal(), text, history, EscalationFacts.waitingAt(d, s.at()),
                        d.contact().vip(), null);
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

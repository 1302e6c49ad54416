package uk.co.omniops.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * Every 30 s: open conversations whose contact waits longer than the shortest wait-time rule (a rule without minutes
 * waits for the customer's first-response SLA), through the
 * conversation module's inbox API (longest waiting first, at most {@link #PER_CUSTOMER} per customer). Every
 * replica may run it: the unique open-escalation index keeps it to one escalation, and scheduler repeats of an open
 * escalation are ignored.
 */
@Component
class WaitTimeScheduler {

    private static final Logger log = LoggerFactory.getLogger(WaitTimeScheduler.class);
    static final int PER_CUSTOMER = 100;

    private final TenancyManagement tenancy;
    private final ConversationManagement conversations;
    private final RuleService rules;
    private final Escalator escalator;
    private final FeatureFlags flags;

    WaitTimeScheduler(
            TenancyManagement tenancy,
            ConversationManagement conversations,
            RuleService rules,
            Escalator escalator,
            FeatureFlags flags) {
        this.tenancy = tenancy;
        this.conversations = conversations;
        this.rules = rules;
        this.escalator = escalator;
        this.flags = flags;
    }

    @Scheduled(
            fixedDelayString = "${omniops.escalation.wait-check-interval:30s}",
            initialDelayString = "${omniops.escalation.wait-check-interval:30s}")
    void check() {
        for (var customer : tenancy.allCustomers()) {
            try {
                if (flags.isEnabled(customer.id(), Feature.AUTO_ESCALATION)) {
                    check(customer.id());
                }
            } catch (RuntimeException e) {
                log.warn("Wait-time check failed for customer {}: {}", customer.slug(), e.toString());
            }
        }
    }

    private void check(uk.co.omniops.tenancy.CustomerId customer) {
        var sla = (int) tenancy.firstResponseSla(customer).toMinutes();
        var shortest = rules.rules(customer).stream()
                .filter(Rule::enabled)
                .filter(r -> RuleEvaluator.needsScheduler(r.condition()))
                .mapToInt(r -> minutes(r.condition(), sla))
                .min();
        if (shortest.isEmpty()) {
            return;
        }
        var limit = Instant.now().minus(Duration.ofMinutes(shortest.getAsInt()));
        for (var summary : conversations.inbox(customer, InboxQuery.allOpen(null), 0, PER_CUSTOMER)) {
            if (summary.waitingSince() == null || summary.waitingSince().isAfter(limit)) {
                break; // sorted by waiting longest: nobody further down waits long enough
            }
            escalator.onWaiting(customer, summary.id());
        }
    }

    /** The shortest wait in the condition, in minutes; a waiting condition without minutes counts as the SLA. */
    static int minutes(Condition c, int slaMinutes) {
        return switch (c) {
            case Condition.All all ->
                all.conditions().stream()
                        .mapToInt(x -> minutes(x, slaMinutes))
                        .min()
                        .orElse(Integer.MAX_VALUE);
            case Condition.Any any ->
                any.conditions().stream()
                        .mapToInt(x -> minutes(x, slaMinutes))
                        .min()
                        .orElse(Integer.MAX_VALUE);
            case Condition.Waiting w -> w.minutes() == null ? slaMinutes : w.minutes();
            default -> Integer.MAX_VALUE;
        };
    }
}

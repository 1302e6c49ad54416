package uk.co.omniops.escalation.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.tenancy.CustomerId;

/** One escalation rule of a customer. {@code cooldownMinutes}: after a resolve, no re-opening for that long. */
public record Rule(
        UUID id,
        CustomerId customerId,
        String name,
        boolean enabled,
        Severity severity,
        Condition condition,
        Set<RuleAction> actions,
        int cooldownMinutes,
        Instant updatedAt) {

    public Rule {
        actions = Set.copyOf(actions);
    }
}

package uk.co.omniops.conversation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.tenancy.CustomerId;

/**
 * An end user of a customer, who writes to it.
 *
 * @param verified false for a public-chat visitor: name and e-mail are what they typed, unchecked (issue 21, finding
 *        2); such a contact is never matched by e-mail and never counts as VIP until an agent links it to a known one
 */
public record Contact(
        ContactId id,
        CustomerId customerId,
        String name,
        @Nullable String email,
        @Nullable String phone,
        boolean vip,
        boolean verified,
        Instant createdAt) {

    /** VIP for the escalation rules: only a verified contact can be one. */
    public boolean trustedVip() {
        return vip && verified;
    }
}

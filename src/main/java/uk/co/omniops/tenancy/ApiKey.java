package uk.co.omniops.tenancy;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A customer's API key as the UI shows it: never the key itself, only its first characters.
 *
 * @param prefix the key's first 8 characters, to tell keys apart
 */
public record ApiKey(
        UUID id,
        CustomerId customerId,
        String name,
        String prefix,
        String createdBy,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}

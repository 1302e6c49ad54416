package uk.co.omniops.tenancy;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A person who signs in to OmniOps. */
public record UserAccount(
        UUID id,
        @Nullable CustomerId customer,
        @Nullable String customerSlug,
        @Nullable String customerName,
        String username,
        String displayName,
        Role role,
        boolean enabled,
        String theme) {

    public Optional<CustomerId> customerId() {
        return Optional.ofNullable(customer);
    }
}

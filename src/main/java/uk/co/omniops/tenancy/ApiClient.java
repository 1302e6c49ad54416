package uk.co.omniops.tenancy;

import java.util.Optional;
import java.util.UUID;

/** A customer's system calling the API with one of its keys: the principal of {@code /api/**} requests. */
public record ApiClient(UUID keyId, CustomerId customer, String keyName) implements TenantPrincipal {

    @Override
    public Optional<CustomerId> customerId() {
        return Optional.of(customer);
    }

    /** The authority every API client has (no user roles: it can reach the API only). */
    public static final String AUTHORITY = "ROLE_API_CLIENT";
}

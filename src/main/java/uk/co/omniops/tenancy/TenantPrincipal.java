package uk.co.omniops.tenancy;

import java.util.Optional;

/** An authenticated caller (a user or an API key) that belongs to at most one customer. */
public interface TenantPrincipal {

    /** Empty for platform admins. */
    Optional<CustomerId> customerId();
}

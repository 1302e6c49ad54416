package uk.co.omniops.tenancy;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction bound to a tenant scope. The scope must be set before the transaction
 * begins (that is when row-level security learns the customer), which {@code @Transactional} on the
 * same method cannot guarantee; hence this helper.
 */
@Component
public class TenantTransactions {

    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    TenantTransactions(
            PlatformTransactionManager transactionManager, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    public <T> T inTenant(CustomerId customer, Supplier<T> work) {
        return TenantContext.callAs(customer, () -> tx.execute(status -> work.get()));
    }

    public <T> T readInTenant(CustomerId customer, Supplier<T> work) {
        return TenantContext.callAs(customer, () -> readOnly.execute(status -> work.get()));
    }

    /**
     * Cross-customer work on the platform login; the reason is logged (see {@link TenantContext#callAsPlatform}).
     * Done on behalf of a signed-in person (an admin page, for example), it is also written to {@code audit_log} in
     * the same transaction: who, and why. Machine paths (sign-in lookups, API-key checks, schedulers, the job queue)
     * go to the audit logger only: a row every few seconds per replica would bury the entries that matter.
     */
    public <T> T asPlatform(String reason, Supplier<T> work) {
        var person = signedInPerson();
        return TenantContext.callAsPlatform(
                reason,
                () -> tx.execute(status -> {
                    // joined to a caller's transaction, this work keeps the caller's login: the audit logger has it
                    if (person != null && status.isNewTransaction()) {
                        jdbc.sql(
                                        "insert into audit_log (id, customer_id, actor, action, detail) "
                                                + "values (?, null, ?, 'platform_access', jsonb_build_object('reason', ?::text))")
                                .params(java.util.UUID.randomUUID(), person, reason)
                                .update();
                    }
                    return work.get();
                }));
    }

    /** The signed-in user's name, or null for machine work and anonymous visitors. */
    private static @org.jspecify.annotations.Nullable String signedInPerson() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        if (auth == null
                || !auth.isAuthenticated()
                || !(auth.getPrincipal() instanceof TenantPrincipal)
                || auth.getPrincipal() instanceof ApiClient) {
            return null;
        }
        return auth.getName();
    }

    public void runAsPlatform(String reason, Runnable work) {
        asPlatform(reason, () -> {
            work.run();
            return null;
        });
    }
}

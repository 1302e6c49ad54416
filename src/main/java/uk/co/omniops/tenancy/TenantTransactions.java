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

    TenantTransactions(PlatformTransactionManager transactionManager) {
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

    /** Cross-customer work; the reason is logged (see {@link TenantContext#callAsPlatform}). */
    public <T> T asPlatform(String reason, Supplier<T> work) {
        return TenantContext.callAsPlatform(reason, () -> tx.execute(status -> work.get()));
    }

    public void runAsPlatform(String reason, Runnable work) {
        asPlatform(reason, () -> {
            work.run();
            return null;
        });
    }
}

package uk.co.omniops.tenancy.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import uk.co.omniops.tenancy.TenantContext;

/**
 * Copies the {@link TenantContext} into every transaction with {@code set_config(…, true)}: local to
 * the transaction, so a pooled connection can never carry one customer's id into another's work.
 */
class TenantAwareTransactionManager extends JdbcTransactionManager {

    TenantAwareTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        var scope = TenantContext.current();
        // platform work needs no setting: its connection logs in as the platform role (PlatformAccess)
        if (scope.customer() == null) {
            return;
        }
        try (var statement = con.prepareStatement("select set_config('app.customer_id', ?, true)")) {
            statement.setString(1, scope.customer().value().toString());
            statement.execute();
        }
    }
}

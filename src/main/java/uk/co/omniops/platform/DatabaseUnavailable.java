package uk.co.omniops.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises "PostgreSQL cannot be reached right now" among the exceptions a request may end with, so that the
 * API answers {@code 503} with {@code Retry-After} (the client retries with the same {@code Idempotency-Key})
 * instead of a bare {@code 500}. Measured by {@code bench/faults/postgres-restart.sh}.
 */
public final class DatabaseUnavailable {

    /** Seconds a client is asked to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public static final String DETAIL = "The database is unavailable for a moment; the request was not carried out. "
            + "Retry after " + RETRY_AFTER_SECONDS + " s (with the same Idempotency-Key, a retry is safe).";

    private DatabaseUnavailable() {}

    /** True when {@code e} or one of its causes says the database connection is missing or was lost. */
    public static boolean isCause(@Nullable Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // 08: connection exception; 57P01-57P03: administrator shutdown, crash shutdown, cannot connect now
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // the connection died mid-transaction: the rollback failed too and hides the first exception
            if (t instanceof TransactionSystemException ts
                    && ts.getApplicationException() != null
                    && ts.getApplicationException() != e
                    && isCause(ts.getApplicationException())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

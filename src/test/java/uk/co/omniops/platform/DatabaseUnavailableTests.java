package uk.co.omniops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** The shapes a lost database took in bench/faults/postgres-restart.sh, and what must not count as one. */
class DatabaseUnavailableTests {

    @Test
    void recognisesAMissingOrLostConnection() {
        assertThat(DatabaseUnavailable.isCause(new CannotCreateTransactionException(
                        "Could not open JDBC Connection",
                        new SQLTransientConnectionException(
                                "Connection is not available, request timed out after 5000ms"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(
                        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection")))
                .isTrue();
        // PostgreSQL shutting down under a running statement
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(
                        "wrapped",
                        new SQLException("FATAL: terminating connection due to administrator command", "57P01"))))
                .isTrue();
        // the rollback failed too and hides the first exception
        var rollbackFailed =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException(
                "PreparedStatementCallback",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(DatabaseUnavailable.isCause(rollbackFailed)).isTrue();
    }

    @Test
    void otherFailuresAreNotAnOutage() {
        assertThat(DatabaseUnavailable.isCause(new DataIntegrityViolationException(
                        "duplicate key", new SQLException("duplicate key value violates unique constraint", "23505"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(null)).isFalse();
    }
}

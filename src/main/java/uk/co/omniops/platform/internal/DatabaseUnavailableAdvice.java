package uk.co.omniops.platform.internal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import uk.co.omniops.platform.DatabaseUnavailable;

/**
 * Every REST endpoint answers a lost database with {@code 503 application/problem+json} and {@code Retry-After}
 * rather than a {@code 500}: the failure is temporary and the request changed nothing (its transaction rolled
 * back). Lowest precedence: a module's own advice handles its own exceptions first.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class DatabaseUnavailableAdvice {

    /**
     * Only the exception families a lost connection arrives in: a handler for every {@code RuntimeException} would
     * shadow the modules' own advice (e.g. a 404 for an unknown conversation) whenever the two have equal order.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) throws RuntimeException {
        if (!DatabaseUnavailable.isCause(e)) {
            throw e; // not ours: the usual handling (500, logged)
        }
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL);
        problem.setTitle("Service Unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .body(problem);
    }
}

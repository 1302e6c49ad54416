package uk.co.omniops.conversation.internal;

import java.io.CharConversionException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import uk.co.omniops.conversation.ConversationNotFound;
import uk.co.omniops.conversation.MessageRejected;

/**
 * RFC 9457 problem documents for the ingestion API, each with a {@code detail} a developer can act on. Spring's
 * base class answers the protocol errors (415 wrong content type, 405, 406, missing parameters).
 */
@RestControllerAdvice(assignableTypes = ConversationApi.class)
class ConversationApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(MessageRejected.class)
    ProblemDetail rejected(MessageRejected e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(ConversationNotFound.class)
    ProblemDetail notFound(ConversationNotFound e) {
        return problem(
                HttpStatus.NOT_FOUND,
                "Conversation not found",
                "No conversation with this id exists for the customer of this API key.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(
                HttpStatus.BAD_REQUEST, "Invalid request", "parameter '" + e.getName() + "' has an invalid value");
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body;
        if (cause(ex, ApiBodyLimit.TooLarge.class) instanceof ApiBodyLimit.TooLarge tooLarge) {
            body = problem(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", tooLarge.getMessage());
        } else if (isInvalidUtf8(ex)) {
            body = problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request body is not valid UTF-8.");
        } else if (cause(ex, JacksonException.class) instanceof JacksonException json) {
            var location = json.getLocation();
            body = problem(
                    HttpStatus.BAD_REQUEST,
                    "Invalid request",
                    "The request body is not valid JSON"
                            + (location == null || location.getLineNr() < 1
                                    ? ""
                                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")")
                            + ": " + shorten(json.getOriginalMessage()));
        } else {
            body = problem(
                    HttpStatus.BAD_REQUEST, "Invalid request", "The request body is missing or is not a JSON object.");
        }
        return ResponseEntity.status(body.getStatus()).headers(headers).body(body);
    }

    private static boolean isInvalidUtf8(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof CharConversionException
                    || (t instanceof JacksonException j
                            && j.getOriginalMessage() != null
                            && j.getOriginalMessage().contains("UTF-8"))) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (var t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String shorten(@Nullable String message) {
        if (message == null) {
            return "unexpected content";
        }
        var firstLine = message.lines().findFirst().orElse(message);
        return firstLine.length() <= 160 ? firstLine : firstLine.substring(0, 160) + "…";
    }

    private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail == null ? status.getReasonPhrase() : detail);
        problem.setTitle(title);
        return problem;
    }
}

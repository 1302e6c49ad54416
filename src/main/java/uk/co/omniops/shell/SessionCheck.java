package uk.co.omniops.shell;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /session-check}: 204 when this server knows the session the browser presents, 410 when it does not (no
 * session cookie, or one from an instance that went away). The page asks while its push connection is broken and
 * reloads on 410 ({@link SessionRecovery}); it reveals nothing but the state of the caller's own session.
 */
@RestController
@ConditionalOnWebApplication
class SessionCheck {

    static final String PATH = "/session-check";

    @GetMapping(PATH)
    ResponseEntity<Void> check(HttpServletRequest request) {
        var status = request.isRequestedSessionIdValid() ? HttpStatus.NO_CONTENT : HttpStatus.GONE;
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .build();
    }
}

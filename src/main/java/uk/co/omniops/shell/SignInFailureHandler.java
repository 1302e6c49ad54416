package uk.co.omniops.shell;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import uk.co.omniops.platform.DatabaseUnavailable;

/**
 * Where a failed sign-in sends the browser. Wrong credentials go to {@code /login?error} (one generic message, no user
 * enumeration); a sign-in that could not be checked because the database was lost or its pool exhausted goes to
 * {@code /login?unavailable}, which says so: telling an agent that the password is wrong when it was not makes them
 * retype it, then reset it. Wrong credentials count against the {@link SignInThrottle}. Seen in {@code bench/push-sessions.sh}: at ≈ 1,950 open sessions on one instance, 44 of
 * 500 sign-ins were "refused" while PostgreSQL's pool timed out.
 */
final class SignInFailureHandler implements AuthenticationFailureHandler {

    static final String WRONG_CREDENTIALS = "/login?error";
    static final String UNAVAILABLE = "/login?unavailable";

    private static final Logger log = LoggerFactory.getLogger(SignInFailureHandler.class);

    private final AuthenticationFailureHandler wrongCredentials =
            new SimpleUrlAuthenticationFailureHandler(WRONG_CREDENTIALS);
    private final AuthenticationFailureHandler unavailable = new SimpleUrlAuthenticationFailureHandler(UNAVAILABLE);
    private final SignInThrottle throttle;

    SignInFailureHandler(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        if (DatabaseUnavailable.isCause(exception)) {
            log.warn("sign-in could not be checked, the database is unavailable: {}", exception.getMessage());
            unavailable.onAuthenticationFailure(request, response, exception);
        } else {
            throttle.failed(request);
            wrongCredentials.onAuthenticationFailure(request, response, exception);
        }
    }
}

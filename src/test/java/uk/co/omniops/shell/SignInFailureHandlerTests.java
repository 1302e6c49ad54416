package uk.co.omniops.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.CannotCreateTransactionException;
import uk.co.omniops.platform.RateLimits;

/** Wrong credentials and an unavailable database send the browser to different messages; other failures stay generic. */
class SignInFailureHandlerTests {

    private final SignInFailureHandler handler = new SignInFailureHandler(
            new SignInThrottle(RateLimits.inProcess(), SignInThrottle.PER_ACCOUNT, SignInThrottle.PER_ADDRESS));

    private String redirectAfter(RuntimeException cause) throws Exception {
        var response = new MockHttpServletResponse();
        var exception = cause instanceof BadCredentialsException bad
                ? bad
                : new InternalAuthenticationServiceException("user lookup failed", cause);
        handler.onAuthenticationFailure(new MockHttpServletRequest("POST", "/login"), response, exception);
        return response.getRedirectedUrl();
    }

    @Test
    void wrongCredentialsGetTheGenericMessage() throws Exception {
        assertThat(redirectAfter(new BadCredentialsException("Bad credentials")))
                .isEqualTo("/login?error");
    }

    @Test
    void anExhaustedPoolSaysSignInIsUnavailable() throws Exception {
        var poolTimedOut = new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("omniops-app - Connection is not available, request timed out"));
        assertThat(redirectAfter(poolTimedOut)).isEqualTo("/login?unavailable");
    }

    @Test
    void anotherInternalFailureStaysGeneric() throws Exception {
        assertThat(redirectAfter(new IllegalStateException("bug"))).isEqualTo("/login?error");
    }
}

package uk.co.omniops.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

/** A sign-in or page request that meets an exhausted pool answers 503 with Retry-After; other failures pass. */
class DatabaseUnavailableFilterTests {

    private final DatabaseUnavailableFilter filter = new DatabaseUnavailableFilter();

    private static FilterChain failing(RuntimeException e) {
        return (request, response) -> {
            response.getWriter().write("half a page");
            throw e;
        };
    }

    private static CannotCreateTransactionException poolTimedOut() {
        return new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("omniops-app - Connection is not available, request timed out"));
    }

    @Test
    void theSignInFormMeetingAnExhaustedPoolAnswers503WithAPage() throws Exception {
        var request = new MockHttpServletRequest("POST", "/login");
        request.addHeader("Accept", "text/html,application/xhtml+xml");
        var response = new MockHttpServletResponse();

        filter.doFilter(request, response, failing(poolTimedOut()));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString())
                .contains("OmniOps is unavailable for a moment")
                .doesNotContain("half a page");
    }

    @Test
    void anApiRequestGetsAProblem() throws Exception {
        var request = new MockHttpServletRequest("GET", "/api/v1/conversations");
        var response = new MockHttpServletResponse();

        filter.doFilter(request, response, failing(poolTimedOut()));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":503").contains("database is unavailable");
    }

    @Test
    void otherFailuresPassThrough() {
        var request = new MockHttpServletRequest("GET", "/inbox");
        var response = new MockHttpServletResponse();
        var bug = new IllegalStateException("bug");

        assertThatThrownBy(() -> filter.doFilter(request, response, failing(bug)))
                .isSameAs(bug);
        assertThat(response.getStatus()).isEqualTo(200);
    }
}

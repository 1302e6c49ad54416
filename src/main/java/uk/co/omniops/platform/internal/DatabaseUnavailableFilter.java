package uk.co.omniops.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.co.omniops.platform.DatabaseUnavailable;
import uk.co.omniops.platform.UnavailablePage;

/**
 * The requests no controller advice sees — the sign-in form, pages, anything failing inside a filter — answer a lost
 * or exhausted database with {@code 503} and {@code Retry-After} instead of a bare {@code 500}. Seen in
 * {@code bench/push-sessions.sh} at ≈ 1,800 sessions: the connection pool timed out while the sign-in's remember-me
 * step loaded the user again, and the form answered 500. Runs before Spring Security so that it also covers the
 * security filters. Other exceptions pass through unchanged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    static final String PAGE = UnavailablePage.html(
            "OmniOps is unavailable for a moment",
            "The database did not answer in time, so nothing was changed.",
            DatabaseUnavailable.RETRY_AFTER_SECONDS);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("{} {} answered 503: {}", request.getMethod(), request.getRequestURI(), rootMessage(e));
            if (!wantsJson(request)) {
                UnavailablePage.send(response, PAGE, DatabaseUnavailable.RETRY_AFTER_SECONDS);
                return;
            }
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentType("application/problem+json");
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                            + "\"detail\":\"" + DatabaseUnavailable.DETAIL + "\"}");
        }
    }

    private static boolean wantsJson(HttpServletRequest request) {
        var accept = request.getHeader("Accept");
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || (accept != null && accept.contains("json") && !accept.contains("text/html"));
    }

    private static String rootMessage(Throwable e) {
        var t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}

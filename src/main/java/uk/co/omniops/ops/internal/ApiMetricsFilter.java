package uk.co.omniops.ops.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.co.omniops.ops.OmniOpsMetrics;

/**
 * Counts API requests by outcome ({@code omniops.requests}, tag {@code outcome} = success, client_error,
 * server_error) — the error-rate monitor divides server errors by all requests — and every server error as
 * {@code omniops.phase4.errors}. Probes are not counted: they would dilute the rate.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiMetricsFilter extends OncePerRequestFilter {

    private final Counter success;
    private final Counter clientError;
    private final Counter serverError;
    private final Counter phase4Errors;

    ApiMetricsFilter(MeterRegistry registry) {
        this.success = counter(registry, "success");
        this.clientError = counter(registry, "client_error");
        this.serverError = counter(registry, "server_error");
        this.phase4Errors = Counter.builder(OmniOpsMetrics.PHASE4_ERRORS)
                .description("Server-side errors in the AI workspace (API 5xx, failed UI navigations)")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(OmniOpsMetrics.REQUESTS)
                .tag("outcome", outcome)
                .description("API requests by outcome")
                .register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI();
        return !path.startsWith("/api/") || path.equals("/api/health") || path.equals("/api/ready");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            serverError.increment();
            phase4Errors.increment();
            throw e;
        }
        var status = response.getStatus();
        if (status >= 500) {
            serverError.increment();
            phase4Errors.increment();
        } else if (status >= 400) {
            clientError.increment();
        } else {
            success.increment();
        }
    }
}

package uk.co.omniops.shell;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import uk.co.omniops.platform.UnavailablePage;

/**
 * Keeps one instance from running out of heap under more open tabs than it can hold. Every open tab is a Vaadin UI on
 * the server — the inbox, the open conversation, its push connection: ≈ 0.45 MB of heap (docs/benchmarks.md §4). A
 * 1 GiB instance held 2,000 of them and threw OutOfMemoryError from ≈ 2,060, which breaks every agent on it. This
 * counts the UIs open in this instance; once {@code omniops.ui.max-open-views} are open, a request that would open
 * another (a page load, or Vaadin's {@code v-r=init}) answers {@code 503} with {@code Retry-After} and a page that
 * retries by itself, while the tabs already open go on working. The default is taken from the heap: (85 % of the
 * maximum heap − 80 MB) ÷ 0.45 MB, i.e. ≈ 1,750 for {@code -Xmx1g}; the deployment's 3 replicas hold three times that.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class OpenViews extends OncePerRequestFilter implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(OpenViews.class);

    static final int RETRY_AFTER_SECONDS = 10;

    static final String PAGE = UnavailablePage.html("OmniOps is full for a moment",
            "This server has as many workspaces open as it can hold. Nothing was lost, and the tabs already open keep "
                    + "working.", RETRY_AFTER_SECONDS);

    private final AtomicInteger open = new AtomicInteger();
    private final int limit;
    private final Counter refused;

    OpenViews(@Value("${omniops.ui.max-open-views:0}") int configured, MeterRegistry meters) {
        this.limit = configured > 0 ? configured : fromHeap(Runtime.getRuntime().maxMemory());
        Gauge.builder("omniops.ui.open_views", open, AtomicInteger::get)
                .description("Vaadin UIs (browser tabs) open in this instance").register(meters);
        this.refused = Counter.builder("omniops.ui.refused_views")
                .description("Page loads answered 503 because this instance had omniops.ui.max-open-views open")
                .register(meters);
        log.info("at most {} open views (browser tabs) in this instance", limit);
    }

    /** (85 % of the heap − 80 MB of fixed cost) ÷ 0.45 MB per open view, measured in bench/push-sessions.sh. */
    static int fromHeap(long maxHeapBytes) {
        var mb = maxHeapBytes / (1024.0 * 1024.0);
        return Math.max(50, (int) ((mb * 0.85 - 80) / 0.45));
    }

    int limit() {
        return limit;
    }

    int open() {
        return open.get();
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            var closed = opened();
            init.getUI().addDetachListener(detach -> closed.run());
        });
    }

    /** Counts one more open view; the returned action counts it closed (once, however often it runs). */
    Runnable opened() {
        open.incrementAndGet();
        var closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (open.get() < limit || !opensAView(request)) {
            chain.doFilter(request, response);
            return;
        }
        refused.increment();
        log.warn("{} {} answered 503: {} views open, the limit is {}", request.getMethod(), request.getRequestURI(),
                open.get(), limit);
        UnavailablePage.send(response, PAGE, RETRY_AFTER_SECONDS);
    }

    /**
     * A page load (GET of a route, asking for HTML) or Vaadin's request that creates the UI for it. Not: Vaadin's
     * requests of an open UI ({@code v-r=uidl}, heartbeat, push), static files, the API, probes, the session check.
     */
    static boolean opensAView(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        var path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/VAADIN/")
                || path.equals(SessionCheck.PATH) || path.lastIndexOf('.') > path.lastIndexOf('/')) {
            return false;
        }
        var requestType = request.getParameter("v-r");
        if (requestType != null) {
            return requestType.equals("init");
        }
        var accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }
}

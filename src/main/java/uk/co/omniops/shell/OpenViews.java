package uk.co.omniops.shell;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
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
 * retries by itself, while the tabs already open go on working. The budget is taken from the heap: (85 % of the
 * maximum heap − 80 MB) ÷ 0.45 MB, i.e. ≈ 1,750 for {@code -Xmx1g}; the deployment's 3 replicas hold three times that.
 *
 * <p>Signed-in users and anonymous visitors (the sign-in page, the public chat) have separate budgets (issue 21,
 * finding 1): an anonymous flood fills {@code omniops.ui.max-anonymous-views} (default a fifth of the heap's budget)
 * and never locks a signed-in agent out of {@code omniops.ui.max-open-views} (default the other four fifths). The
 * filter runs after Spring Security, so that a remember-me cookie has signed its browser in before it is counted.
 */
@Component
@ConditionalOnWebApplication
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10)
class OpenViews extends OncePerRequestFilter implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(OpenViews.class);

    static final int RETRY_AFTER_SECONDS = 10;

    static final String PAGE = UnavailablePage.html(
            "OmniOps is full for a moment",
            "This server has as many workspaces open as it can hold. Nothing was lost, and the tabs already open keep "
                    + "working.",
            RETRY_AFTER_SECONDS);

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger openAnonymous = new AtomicInteger();
    private final int limit;
    private final int anonymousLimit;
    private final Counter refused;
    private final Counter refusedAnonymous;

    OpenViews(
            @Value("${omniops.ui.max-open-views:0}") int configured,
            @Value("${omniops.ui.max-anonymous-views:0}") int configuredAnonymous,
            MeterRegistry meters) {
        var budget = fromHeap(Runtime.getRuntime().maxMemory());
        this.limit = configured > 0 ? configured : budget - budget / 5;
        this.anonymousLimit = configuredAnonymous > 0 ? configuredAnonymous : Math.max(20, budget / 5);
        Gauge.builder("omniops.ui.open_views", open, AtomicInteger::get)
                .description("Vaadin UIs (browser tabs) of signed-in users open in this instance")
                .register(meters);
        Gauge.builder("omniops.ui.open_anonymous_views", openAnonymous, AtomicInteger::get)
                .description("Vaadin UIs of anonymous visitors (sign-in page, public chat) open in this instance")
                .register(meters);
        this.refused = Counter.builder("omniops.ui.refused_views")
                .description("Page loads answered 503 because this instance had omniops.ui.max-open-views open")
                .register(meters);
        this.refusedAnonymous = Counter.builder("omniops.ui.refused_anonymous_views")
                .description("Anonymous page loads answered 503: omniops.ui.max-anonymous-views were open")
                .register(meters);
        log.info(
                "at most {} open views (browser tabs) of signed-in users and {} of anonymous visitors in this "
                        + "instance",
                limit,
                anonymousLimit);
    }

    /** (85 % of the heap − 80 MB of fixed cost) ÷ 0.45 MB per open view, measured in bench/push-sessions.sh. */
    static int fromHeap(long maxHeapBytes) {
        var mb = maxHeapBytes / (1024.0 * 1024.0);
        return Math.max(50, (int) ((mb * 0.85 - 80) / 0.45));
    }

    int limit() {
        return limit;
    }

    int anonymousLimit() {
        return anonymousLimit;
    }

    int open() {
        return open.get();
    }

    int openAnonymous() {
        return openAnonymous.get();
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            var request = VaadinRequest.getCurrent();
            var closed = opened(request == null || request.getUserPrincipal() == null);
            init.getUI().addDetachListener(detach -> closed.run());
        });
    }

    /** Counts one more open view of a signed-in user. */
    Runnable opened() {
        return opened(false);
    }

    /** Counts one more open view; the returned action counts it closed (once, however often it runs). */
    Runnable opened(boolean anonymous) {
        var counter = anonymous ? openAnonymous : open;
        counter.incrementAndGet();
        var closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                counter.decrementAndGet();
            }
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var anonymous = request.getUserPrincipal() == null;
        var counter = anonymous ? openAnonymous : open;
        var max = anonymous ? anonymousLimit : limit;
        if (counter.get() < max || !opensAView(request)) {
            chain.doFilter(request, response);
            return;
        }
        (anonymous ? refusedAnonymous : refused).increment();
        log.warn(
                "{} {} answered 503: {} {} views open, the limit is {}",
                request.getMethod(),
                request.getRequestURI(),
                counter.get(),
                anonymous ? "anonymous" : "signed-in",
                max);
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
        if (path.startsWith("/api/")
                || path.startsWith("/actuator/")
                || path.startsWith("/VAADIN/")
                || path.equals(SessionCheck.PATH)
                || path.lastIndexOf('.') > path.lastIndexOf('/')) {
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

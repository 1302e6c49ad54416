package uk.co.omniops.shell;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Matches requests that arrived on the management port ({@code management.server.port}: 9090 in prod, 8081 in dev,
 * random in tests), the only port where actuator endpoints are served. The port is taken from the management
 * server once it has started, so a random port works too. The security chain permits {@code /actuator/**} only
 * here: the public port answers 401, and the endpoints are not even mapped there. Configured onto the public port
 * ({@code management.server.port} equal to {@code server.port}), actuator has no management server and is refused
 * everywhere rather than opened to the public.
 */
@Component
class ManagementPort implements RequestMatcher {

    private final AtomicInteger port = new AtomicInteger(-1);

    @EventListener
    void on(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port.set(event.getWebServer().getPort());
        }
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        return request.getLocalPort() == port.get();
    }
}

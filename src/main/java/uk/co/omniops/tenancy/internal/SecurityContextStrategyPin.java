package uk.co.omniops.tenancy.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Points the JVM-wide {@link SecurityContextHolder} at this application context's strategy whenever the context
 * starts, and again whenever it is started after a stop.
 *
 * <p>Why: Vaadin installs its own {@link SecurityContextHolderStrategy} bean and makes it the static one when the
 * context is built. The API-key filter writes the authentication into the context's bean, while
 * {@code TenantContext} reads the static holder. Build a second context in the same JVM and the static holder
 * points at the second context's strategy: the first context's requests then authenticate into one holder and are
 * read from another, and every tenant-scoped API call fails with "no customer in scope" (500). Spring's test
 * context cache does exactly that: it pauses (stops) a cached context while another runs and starts it again when
 * a later test class needs it, which is how {@code SuggestionModuleTests}' module context broke the API tests run
 * after it. In production there is one context, and this only repeats Vaadin's own assignment. The earliest phase,
 * so the holder is right before the web server takes requests.
 */
@Component
class SecurityContextStrategyPin implements SmartLifecycle {

    private final ObjectProvider<SecurityContextHolderStrategy> strategy;
    private volatile boolean running;

    SecurityContextStrategyPin(ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.strategy = strategy;
    }

    @Override
    public void start() {
        strategy.ifUnique(SecurityContextHolder::setContextHolderStrategy);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}

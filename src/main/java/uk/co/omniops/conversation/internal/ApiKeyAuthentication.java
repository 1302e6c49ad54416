package uk.co.omniops.conversation.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.co.omniops.platform.DatabaseUnavailable;
import uk.co.omniops.platform.RateLimits;
import uk.co.omniops.platform.RateLimits.Limit;
import uk.co.omniops.shell.ApiAuthentication;
import uk.co.omniops.shell.ProblemEntryPoint;
import uk.co.omniops.tenancy.ApiClient;
import uk.co.omniops.tenancy.ApiKeyManagement;

/**
 * Customers' API keys on the {@code /api/**} chain: {@code Authorization: Bearer <key>} becomes an
 * {@link ApiClient} principal (its customer is the tenant of every transaction of the request); an unknown or
 * revoked key is a 401, a key over its rate limit a 429 with {@code Retry-After}. Without the header the request
 * goes on unauthenticated (open probes pass, everything else gets the shell's 401).
 *
 * <p>Guessing is throttled: an address that sent {@code omniops.api.key-failures-per-address-per-minute} (20) unknown
 * keys gets 429 for further keys without a database lookup (a key this replica authenticated in the last 5 s,
 * remembered by {@link ApiKeyManagement}, still passes; another valid key from that address waits with it), and
 * {@link ApiKeyManagement} remembers misses briefly, so repeating one wrong key costs no transaction. Both limits
 * are {@link RateLimits}, shared by the replicas through Redis.
 *
 * <p>Lives here rather than in {@code tenancy}: {@code shell} already depends on {@code tenancy}, so a tenancy
 * bean implementing a shell interface would be a module cycle; the keys themselves stay in tenancy.
 */
@Component
class ApiKeyAuthentication implements ApiAuthentication {

    private final ApiKeyManagement apiKeys;
    private final ApiSettings settings;
    private final RateLimits limits;

    /** Unknown or revoked keys per client address. */
    private final Limit failuresPerAddress;

    /**
     * The application context's strategy, not the static {@link SecurityContextHolder}: Vaadin installs its own
     * strategy bean, and a second application context in the same JVM (tests) would otherwise swap the static one
     * under this context's authorization filter, which then sees no authentication.
     */
    private final SecurityContextHolderStrategy contexts;

    ApiKeyAuthentication(
            ApiKeyManagement apiKeys,
            ApiSettings settings,
            RateLimits limits,
            ObjectProvider<SecurityContextHolderStrategy> contexts) {
        this.limits = limits;
        this.failuresPerAddress = new Limit(
                "api-key-failures-per-address",
                settings.keyFailuresPerAddressPerMinute(),
                java.time.Duration.ofMinutes(1));
        this.contexts = contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        this.apiKeys = apiKeys;
        this.settings = settings;
    }

    @Override
    public void configure(HttpSecurity http) {
        // not a bean of its own: as a bean, Boot would also register it for every URL
        http.addFilterBefore(new Filter(), AnonymousAuthenticationFilter.class);
    }

    private final class Filter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var header = request.getHeader("Authorization");
            if (header == null) {
                chain.doFilter(request, response);
                return;
            }
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                ProblemEntryPoint.write(
                        response, 401, "Unauthorized", "Send the API key as 'Authorization: Bearer <key>'.");
                return;
            }
            var plaintext = header.substring(7).strip();
            var address = request.getRemoteAddr();
            Optional<ApiClient> client;
            try {
                client = apiKeys.remembered(plaintext);
                if (client.isEmpty()) {
                    var guessing = limits.check(failuresPerAddress, address);
                    if (!guessing.allowed()) {
                        response.setHeader("Retry-After", Long.toString(guessing.retryAfterSeconds()));
                        ProblemEntryPoint.write(
                                response,
                                429,
                                "Too Many Requests",
                                ("Too many unknown or revoked API "
                                                + "keys from this address (at most %s); retry after %d s.")
                                        .formatted(failuresPerAddress.describe(), guessing.retryAfterSeconds()));
                        return;
                    }
                    client = apiKeys.authenticate(plaintext);
                }
            } catch (RuntimeException e) {
                if (!DatabaseUnavailable.isCause(e)) {
                    throw e;
                }
                response.setHeader("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
                ProblemEntryPoint.write(response, 503, "Service Unavailable", DatabaseUnavailable.DETAIL);
                return;
            }
            if (client.isEmpty()) {
                limits.tryAcquire(failuresPerAddress, address);
                ProblemEntryPoint.write(response, 401, "Unauthorized", "The API key is unknown or has been revoked.");
                return;
            }
            var limit = settings.rateLimit().forKey(client.get().keyName());
            var decision = limits.tryAcquire(
                    Limit.perSecond("api-key", limit.perSecond(), limit.burst()),
                    client.get().keyId().toString());
            var wait = decision.retryAfterSeconds();
            if (!decision.allowed()) {
                response.setHeader("Retry-After", Long.toString(wait));
                ProblemEntryPoint.write(
                        response,
                        429,
                        "Too Many Requests",
                        "This API key is limited to %s requests per second (bursts of %d); retry after %d s."
                                .formatted(number(limit.perSecond()), limit.burst(), wait));
                return;
            }
            var context = contexts.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    client.get(), null, List.of(new SimpleGrantedAuthority(ApiClient.AUTHORITY))));
            contexts.setContext(context);
            try {
                chain.doFilter(request, response);
            } finally {
                contexts.clearContext();
            }
        }

        private static String number(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
    }
}

package uk.co.omniops.tenancy;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import uk.co.omniops.platform.PlatformAccess;

/**
 * The customer whose data the current work may touch. Every transaction copies it into PostgreSQL
 * ({@code set_config('app.customer_id', …, true)}), where row-level security enforces it.
 *
 * <p>Resolution order: an explicit scope ({@link #callAs}, {@link #callAsPlatform}), else the
 * authenticated {@link TenantPrincipal}. With neither, queries see no tenant rows at all.
 *
 * @see <a href="../../../../../../docs/decisions/002-row-level-security.md">decision 002</a>
 */
public final class TenantContext {

    private static final Logger audit = LoggerFactory.getLogger("uk.co.omniops.audit.platform");

    private static final ScopedValue<Scope> SCOPE = ScopedValue.newInstance();

    /** An explicit scope: one customer, or platform-wide access with the reason it was granted. */
    public record Scope(
            @Nullable CustomerId customer, @Nullable String platformReason) {
        public boolean platform() {
            return platformReason != null;
        }
    }

    private TenantContext() {}

    public static <T> T callAs(CustomerId customer, Supplier<T> work) {
        return ScopedValue.where(SCOPE, new Scope(customer, null)).call(() -> PlatformAccess.callAsTenant(work));
    }

    public static void runAs(CustomerId customer, Runnable work) {
        ScopedValue.where(SCOPE, new Scope(customer, null)).run(() -> PlatformAccess.runAsTenant(work));
    }

    /**
     * Runs work that spans customers (login, admin pages, schedulers): its transactions log in as the platform role
     * ({@link PlatformAccess}). Always logged on the {@code uk.co.omniops.audit.platform} logger with its reason.
     */
    public static <T> T callAsPlatform(String reason, Supplier<T> work) {
        audit.debug("platform access: {}", reason);
        return ScopedValue.where(SCOPE, new Scope(null, reason)).call(() -> PlatformAccess.call(work));
    }

    public static void runAsPlatform(String reason, Runnable work) {
        callAsPlatform(reason, () -> {
            work.run();
            return null;
        });
    }

    /** The current scope as the database will see it; never null. */
    public static Scope current() {
        if (SCOPE.isBound()) {
            return SCOPE.get();
        }
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof TenantPrincipal principal) {
            return new Scope(principal.customerId().orElse(null), null);
        }
        return new Scope(null, null);
    }

    public static Optional<CustomerId> currentCustomer() {
        return Optional.ofNullable(current().customer());
    }

    /** @throws IllegalStateException when no customer is in scope: a programming error, never user input */
    public static CustomerId requireCustomer() {
        return currentCustomer().orElseThrow(() -> new IllegalStateException("no customer in scope"));
    }
}

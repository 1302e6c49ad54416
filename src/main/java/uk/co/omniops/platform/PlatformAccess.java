package uk.co.omniops.platform;

import java.util.function.Supplier;

/**
 * Whether the current work runs on the platform path: cross-customer work (the job queue, sign-in, admin pages,
 * schedulers) whose transactions take their connection from the platform login ({@code omniops_platform}), the only
 * role that row-level security lets see every customer's rows. Tenant work runs as {@code omniops_app}, which cannot
 * become the platform role: a setting it could flip no longer grants anything (issue 21, finding 4; decision 002).
 *
 * <p>Only decides which login a transaction <em>begins</em> with; work joining a running transaction keeps its login.
 */
public final class PlatformAccess {

    private static final ScopedValue<Boolean> PLATFORM = ScopedValue.newInstance();

    private PlatformAccess() {}

    /** Runs {@code work} on the platform path. */
    public static <T> T call(Supplier<T> work) {
        return ScopedValue.where(PLATFORM, Boolean.TRUE).call(work::get);
    }

    /** Runs {@code work} on the tenant path, also inside platform work (e.g. seeding one customer's data). */
    public static <T> T callAsTenant(Supplier<T> work) {
        return ScopedValue.where(PLATFORM, Boolean.FALSE).call(work::get);
    }

    public static void runAsTenant(Runnable work) {
        ScopedValue.where(PLATFORM, Boolean.FALSE).run(work);
    }

    /** True inside {@link #call}. */
    public static boolean active() {
        return PLATFORM.isBound() && PLATFORM.get();
    }
}

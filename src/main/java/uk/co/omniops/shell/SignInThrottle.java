package uk.co.omniops.shell;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.co.omniops.platform.RateLimits;
import uk.co.omniops.platform.RateLimits.Limit;

/**
 * Throttles password guessing on the sign-in form (issue 21, finding 7). Failed sign-ins are counted per account name
 * (whether or not such an account exists, so the answer tells nothing about which accounts exist) and per client
 * address, in {@link RateLimits} shared by the replicas. Once either budget is spent, the form's POST is answered with
 * {@code /login?throttled} before any password is checked: the login page says to wait, and for how long. Successful
 * sign-ins cost nothing.
 */
final class SignInThrottle extends OncePerRequestFilter {

    static final String THROTTLED = "/login?throttled=";

    /** Failed sign-ins per account name ({@code omniops.security.sign-in-failures-per-account}, per 15 minutes). */
    static final Limit PER_ACCOUNT = perAccount(10);
    /** Failed sign-ins per client address: an office behind one address has many agents. */
    static final Limit PER_ADDRESS = perAddress(50);

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final RateLimits limits;
    private final Limit perAccount;
    private final Limit perAddress;

    SignInThrottle(RateLimits limits, Limit perAccount, Limit perAddress) {
        this.limits = limits;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
    }

    static Limit perAccount(int failures) {
        return new Limit("sign-in-failures-per-account", failures, Duration.ofMinutes(15));
    }

    static Limit perAddress(int failures) {
        return new Limit("sign-in-failures-per-address", failures, Duration.ofMinutes(15));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && "/login"
                        .equals(request.getRequestURI()
                                .substring(request.getContextPath().length())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var account = limits.check(perAccount, account(request));
        var address = account.allowed() ? limits.check(perAddress, request.getRemoteAddr()) : account;
        if (address.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        log.warn(
                "sign-in refused without checking the password: too many failures for this account or from {}",
                request.getRemoteAddr());
        response.sendRedirect(request.getContextPath() + THROTTLED + address.retryAfterSeconds());
    }

    /** Counts a failed sign-in against its account name and its address. */
    void failed(HttpServletRequest request) {
        limits.tryAcquire(perAccount, account(request));
        limits.tryAcquire(perAddress, request.getRemoteAddr());
    }

    private static String account(HttpServletRequest request) {
        var name = request.getParameter("username");
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }
}

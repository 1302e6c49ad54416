package uk.co.omniops.test;

import com.microsoft.playwright.Page;
import uk.co.omniops.tenancy.DemoData;
import uk.co.omniops.tenancy.Role;

/** What a {@link BrowserTest} needs besides its page: the application's address and the demo accounts per role. */
public interface BrowserTestSupport {

    /** {@code http://localhost:PORT} of the application under test (set by {@link BrowserExtension}). */
    default String base() {
        return BrowserExtension.baseUrl();
    }

    /**
     * Signs in through the login form as the demo account of {@code role} at {@code customerSlug} (password
     * {@code demo}); {@link Role#ADMIN} is the platform's {@code admin@omniops} whatever the slug.
     */
    default void signInAs(Page page, Role role, String customerSlug) {
        var username = role == Role.ADMIN ? DemoData.ADMIN_USERNAME : DemoData.username(role, customerSlug);
        Browser.signIn(page, base(), username, "demo");
    }
}

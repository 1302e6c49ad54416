package uk.co.omniops.shell;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * Issue 21, finding 7: after 10 wrong passwords for one account, sign-in is paused for it, even with the right
 * password, and says how long; an account that does not exist behaves the same (no user enumeration).
 */
@OmniOpsIntegrationTest
@Tag("browser")
class SignInThrottleBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TenancyManagement tenancy;

    private void failTenTimes(Page page, String username) {
        for (var i = 0; i < 10; i++) {
            Browser.signIn(page, "http://localhost:" + port, username, "wrong-" + i);
            page.waitForURL("**/login?error");
        }
    }

    @Test
    void tenWrongPasswordsPauseTheAccountAndTheRightOneWaits() {
        var username = "throttle-" + UUID.randomUUID().toString().substring(0, 8) + "@techsupport-co";
        tenancy.ensureUser(
                tenancy.customerBySlug("techsupport-co").orElseThrow(),
                username,
                "Throttle Test",
                Role.AGENT,
                "right-password");
        try (var context = Browser.newContextFrom(Browser.randomAddress())) {
            var page = context.newPage();
            failTenTimes(page, username);

            Browser.signIn(page, "http://localhost:" + port, username, "right-password");
            page.waitForURL("**/login?throttled=*");
            assertThat(page.getByText("Too many sign-in attempts")).isVisible();
            assertThat(page.locator("vaadin-login-form")).containsText(", then try again");
            Browser.screenshot(page, "login-throttled");
        }
        // another address, same account: the account's budget is spent wherever the guesses come from
        try (var context = Browser.newContextFrom(Browser.randomAddress())) {
            var page = context.newPage();
            Browser.signIn(page, "http://localhost:" + port, username, "right-password");
            page.waitForURL("**/login?throttled=*");
        }
    }

    @Test
    void anUnknownAccountIsPausedTheSameWay() {
        try (var context = Browser.newContextFrom(Browser.randomAddress())) {
            var page = context.newPage();
            failTenTimes(page, "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@nowhere");
            Browser.signIn(page, "http://localhost:" + port, "nobody@nowhere-else", "wrong");
            page.waitForURL("**/login?error");
        }
        try (var context = Browser.newContextFrom(Browser.randomAddress())) {
            var page = context.newPage();
            var unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@nowhere";
            failTenTimes(page, unknown);
            Browser.signIn(page, "http://localhost:" + port, unknown, "wrong");
            page.waitForURL("**/login?throttled=*");
            assertThat(page.getByText("Too many sign-in attempts")).isVisible();
        }
    }
}

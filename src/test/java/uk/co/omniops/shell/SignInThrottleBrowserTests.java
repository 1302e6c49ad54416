package uk.co.omniops.shell;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
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

    /**
     * Ten wrong passwords for {@code username}: the first nine POST the login form from the page's own context (same
     * cookies and address header, no page load each), the tenth goes through the form in the page.
     */
    private void failTenTimes(Page page, String username) {
        for (var i = 0; i < 9; i++) {
            var response = page.context()
                    .request()
                    .post(
                            "http://localhost:" + port + "/login",
                            RequestOptions.create()
                                    .setForm(FormData.create()
                                            .set("username", username)
                                            .set("password", "wrong-" + i))
                                    .setMaxRedirects(0));
            assertThat(response.status())
                    .as("the form's answer to a wrong password")
                    .isEqualTo(302);
            assertThat(response.headers().get("location")).endsWith("/login?error");
        }
        Browser.signInWithTheForm(page, "http://localhost:" + port, username, "wrong-9");
        page.waitForURL("**/login?error");
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

            Browser.signInWithTheForm(page, "http://localhost:" + port, username, "right-password");
            page.waitForURL("**/login?throttled=*");
            assertThat(page.getByText("Too many sign-in attempts")).isVisible();
            assertThat(page.locator("vaadin-login-form")).containsText(", then try again");
            Browser.screenshot(page, "login-throttled");
        }
        // another address, same account: the account's budget is spent wherever the guesses come from
        try (var context = Browser.newContextFrom(Browser.randomAddress())) {
            var page = context.newPage();
            Browser.signInWithTheForm(page, "http://localhost:" + port, username, "right-password");
            page.waitForURL("**/login?throttled=*");
        }
    }

    @Test
    void anUnknownAccountIsPausedTheSameWay() {
        try (var context = Browser.newContextFrom(Browser.randomAddress())) {
            var page = context.newPage();
            failTenTimes(page, "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@nowhere");
            Browser.signInWithTheForm(page, "http://localhost:" + port, "nobody@nowhere-else", "wrong");
            page.waitForURL("**/login?error");
        }
        try (var context = Browser.newContextFrom(Browser.randomAddress())) {
            var page = context.newPage();
            var unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@nowhere";
            failTenTimes(page, unknown);
            Browser.signInWithTheForm(page, "http://localhost:" + port, unknown, "wrong");
            page.waitForURL("**/login?throttled=*");
            assertThat(page.getByText("Too many sign-in attempts")).isVisible();
        }
    }
}

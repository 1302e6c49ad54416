package uk.co.omniops.shell;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;

/** Sign-in, landing pages, route guards and error pages in a real Chromium, as each role. */
@BrowserTest
class ShellBrowserTests implements BrowserTestSupport {

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    uk.co.omniops.platform.PlatformSettings settings;

    @Autowired
    OpenViews openViews;

    BrowserContext context;
    Page page;

    @Test
    void agentSignsInAndSeesTheAgentLandingPage() {
        Browser.signInWithTheForm(page, base(), "agent@techsupport-co", "demo");
        page.waitForURL("**/inbox");
        assertThat(page.locator("#inbox")).isVisible();
        assertThat(page.locator("#current-user")).containsText("Sam Patel");
        assertThat(page.locator("#current-user")).containsText("TechSupport Co");
        // an agent's one page needs no navigation drawer (issue 24: 250 px for the single item "Inbox")
        assertThat(page.locator("vaadin-side-nav")).hasCount(0);
        assertThat(page.getByText("Rollout")).hasCount(0);
        Browser.screenshot(page, "agent-landing");
    }

    @ParameterizedTest
    @CsvSource({
        "supervisor@techsupport-co, escalations, #escalations",
        "executive@fooddelivery-inc, insights, #insights",
        "admin@omniops, admin/rollout, #rollout"
    })
    void eachRoleLandsOnItsOwnPage(String username, String landing, String pageId) {
        Browser.signInWithTheForm(page, base(), username, "demo");
        page.waitForURL("**/" + landing);
        assertThat(page.locator(pageId)).isVisible();
        Browser.screenshot(page, "landing-" + landing.replace('/', '-'));
    }

    @Test
    void adminSeesSystemHealth() {
        Browser.signIn(page, base(), "admin@omniops", "demo", "/admin/health");
        assertThat(page.locator("#system-health")).isVisible();
        assertThat(page.locator("[data-rule=ERROR_RATE]")).containsText("Error rate");
        assertThat(page.locator("[data-rule=ML_DAILY_COST]")).containsText("Daily ML cost");
        Browser.screenshot(page, "admin-system-health");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameGenericMessage() {
        Browser.signInWithTheForm(page, base(), "agent@techsupport-co", "wrong");
        page.waitForURL("**/login?error");
        assertThat(page.getByText("The username or password is not right")).isVisible();
        var wrongPassword = page.locator("vaadin-login-form").textContent();
        Browser.signInWithTheForm(page, base(), "nobody@nowhere", "wrong");
        page.waitForURL("**/login?error");
        assertThat(page.getByText("The username or password is not right")).isVisible();
        assertThat(page.locator("vaadin-login-form").textContent()).isEqualTo(wrongPassword);
        Browser.screenshot(page, "login-error");
    }

    @Test
    void aSignInTheDatabaseCannotCheckSaysSoInsteadOfBlamingThePassword() throws Exception {
        // every connection of the platform pool held here: the sign-in's user lookup (platform path) times out (5 s)
        var held = new ArrayList<Connection>();
        try {
            while (held.size() < settings.database().platformPoolSize()) {
                held.add(uk.co.omniops.platform.PlatformAccess.call(() -> {
                    try {
                        return dataSource.getConnection();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            Browser.signInWithTheForm(page, base(), "agent@techsupport-co", "demo");
            page.waitForURL("**/login?unavailable");
        } finally {
            for (var c : held) {
                c.close();
            }
        }
        assertThat(page.getByText("Sign-in is unavailable for a moment")).isVisible();
        assertThat(page.getByText("Your password was not the problem")).isVisible();
        assertThat(page.getByText("The username or password is not right")).hasCount(0);
        Browser.screenshot(page, "login-unavailable");

        Browser.signInWithTheForm(page, base(), "agent@techsupport-co", "demo");
        page.waitForURL("**/inbox");
    }

    @Test
    void everyOpenTabCountsAsAnOpenViewUntilItIsClosed() throws Exception {
        page.navigate(base() + "/login");
        assertThat(page.locator("vaadin-login-form")).isVisible();
        var before = openViews.openAnonymous();
        var tabs = IntStream.range(0, 3).mapToObj(i -> context.newPage()).toList();
        for (var tab : tabs) {
            tab.navigate(base() + "/login");
            assertThat(tab.locator("vaadin-login-form")).isVisible();
        }
        assertThat(openViews.openAnonymous()).isGreaterThanOrEqualTo(before + 3);
        for (var tab : tabs) {
            tab.close(new Page.CloseOptions().setRunBeforeUnload(true));
        }
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (openViews.openAnonymous() > before && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(openViews.openAnonymous()).isLessThanOrEqualTo(before);
    }

    @Test
    void agentOpeningTheAdminPageGetsAccessDeniedNotAStackTrace() {
        Browser.signIn(page, base(), "agent@techsupport-co", "demo", "/admin/rollout");
        assertThat(page.locator("#access-denied")).containsText("Access denied");
        assertThat(page.locator("#rollout")).hasCount(0);
        assertThat(page.content()).doesNotContain("Exception");
    }

    @Test
    void unknownRouteShowsTheNotFoundPage() {
        Browser.signIn(page, base(), "agent@techsupport-co", "demo", "/no-such-page");
        assertThat(page.locator("#not-found")).containsText("Page not found");
        assertThat(page.locator("#current-user")).isVisible();
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        page.navigate(base() + "/inbox");
        page.waitForURL("**/login");
        assertThat(page.locator("#demo-accounts")).containsText("agent@techsupport-co");
        Browser.screenshot(page, "login");
    }

    @Test
    void darkModeIsRememberedForTheUser() {
        Browser.signIn(page, base(), "executive@techsupport-co", "demo");
        page.waitForURL("**/insights");
        page.locator("#theme-toggle").click();
        page.waitForCondition(() -> "dark".equals(colorScheme()));
        Browser.screenshot(page, "executive-dark");
        page.locator("#logout").click();
        page.waitForURL("**/login");

        Browser.signIn(page, base(), "executive@techsupport-co", "demo");
        page.waitForURL("**/insights");
        page.waitForCondition(() -> "dark".equals(colorScheme()));
        page.locator("#theme-toggle").click();
        page.waitForCondition(() -> "light".equals(colorScheme()));
    }

    @Test
    void signOutEndsTheSession() {
        Browser.signIn(page, base(), "agent@techsupport-co", "demo");
        page.waitForURL("**/inbox");
        page.locator("#logout").click();
        page.waitForURL("**/login");
        page.navigate(base() + "/inbox");
        page.waitForURL("**/login");
    }

    private String colorScheme() {
        return String.valueOf(
                page.evaluate(
                        "() => document.documentElement.getAttribute('theme') || getComputedStyle(document.documentElement).colorScheme"));
    }
}

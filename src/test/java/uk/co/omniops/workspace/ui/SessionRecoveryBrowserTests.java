package uk.co.omniops.workspace.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.DroppingProxy;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * An agent's browser whose session the server no longer knows, as after a rolling restart when the proxy sends it to
 * another replica: the push connection drops and the browser comes back without a session the server knows. The
 * page must recover by itself (reload, remember-me sign-in) on the same view, with live updates working again.
 * See docs/decisions/012-session-recovery.md; the multi-instance version is bench/faults/rolling-restart.sh.
 */
@OmniOpsIntegrationTest
@Tag("browser")
@Tag("fault")
class SessionRecoveryBrowserTests {

    static final String AGENT = "agent@techsupport-co";

    @LocalServerPort
    int port;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    BrowserContext context;
    Page page;
    CustomerId techsupport;
    /** Between the browser and the application, so that the test can cut the connections like a dying instance. */
    DroppingProxy proxy;

    final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void openBrowser() throws IOException {
        proxy = new DroppingProxy(port);
        context = Browser.newContext();
        page = context.newPage();
        page.onLoad(p -> loads.incrementAndGet());
        techsupport = tenancy.customerBySlug("techsupport-co").orElseThrow().id();
    }

    @AfterEach
    void closeBrowser() {
        context.close();
        proxy.close();
    }

    String base() {
        return "http://127.0.0.1:" + proxy.port();
    }

    ConversationId startConversation(String text) {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        return conversations
                .start(
                        techsupport,
                        new NewContact("Recovery Contact " + tag, "recovery-" + tag + "@example.com", null),
                        text,
                        "chat",
                        null)
                .conversation()
                .id();
    }

    void openConversation(ConversationId id) {
        Browser.signIn(page, base(), AGENT, "demo", "/inbox/" + id);
        assertThat(page.locator("#conversation")).isVisible();
        assertThat(page.locator("#thread")).isVisible();
    }

    /** What a replica that never saw this browser gets: no session it knows, and the old push connection gone. */
    void loseTheSession() {
        context.clearCookies(new BrowserContext.ClearCookiesOptions().setName("JSESSIONID"));
        proxy.dropConnections();
    }

    static LocatorAssertions.IsVisibleOptions within(double ms) {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(ms);
    }

    @Test
    void aPageWhoseSessionIsLostReloadsItselfSignedInOnTheSameViewAndKeepsGettingLiveUpdates() {
        var id = startConversation("My invoice shows the wrong amount " + UUID.randomUUID());
        openConversation(id);
        assertThat(context.cookies().stream().map(c -> c.name).toList()).contains("omniops-remember-me", "JSESSIONID");
        var before = "Before the restart " + UUID.randomUUID();
        conversations.receive(techsupport, id, before, null);
        assertThat(page.locator("#thread").getByText(before)).isVisible();
        page.evaluate("() => window.__sameDocument = true");
        assertThat(page.evaluate("() => window.__omniopsSessionCheck === true"))
                .as("the session check is installed")
                .isEqualTo(true);
        int loadsBefore = loads.get();

        long lost = System.currentTimeMillis();
        loseTheSession();

        // the page notices its push connection went, asks whether the server knows its session, reloads on "no";
        // the remember-me cookie signs the agent in again
        page.waitForCondition(() -> loads.get() > loadsBefore, new Page.WaitForConditionOptions().setTimeout(30_000));
        assertThat(page.locator("#conversation")).isVisible();
        long recovered = System.currentTimeMillis();
        assertThat(page).hasURL(base() + "/inbox/" + id);
        assertThat(page.evaluate("() => window.__sameDocument === undefined"))
                .as("the page was reloaded")
                .isEqualTo(true);
        assertThat(page.getByText("Session expired")).hasCount(0);
        assertThat(page.locator("#current-user")).containsText("TechSupport Co");
        assertThat(page.locator("#thread").getByText(before)).isVisible();
        assertThat(context.cookies())
                .filteredOn(c -> c.name.equals("JSESSIONID"))
                .hasSize(1);
        System.out.printf(
                "session recovery: page reloaded and usable %d ms after the session was lost%n", recovered - lost);

        var after = "After the restart " + UUID.randomUUID();
        conversations.receive(techsupport, id, after, null);
        assertThat(page.locator("#thread").getByText(after)).isVisible(within(5_000));
    }

    @Test
    void signingOutEndsTheRememberMeSignIn() {
        var id = startConversation("Please cancel my order " + UUID.randomUUID());
        openConversation(id);
        // sign out from a settled page, as an agent does (ShellBrowserTests signs out right after loading; the session
        // check never reloads a page being left, docs/decisions/012-session-recovery.md)
        page.waitForFunction("() => window.Vaadin && window.Vaadin.connectionState"
                + " && window.Vaadin.connectionState.state === 'connected'");
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        page.locator("#logout").click();
        page.waitForURL("**/login");

        assertThat(context.cookies())
                .filteredOn(c -> c.name.equals("omniops-remember-me") && !c.value.isEmpty())
                .isEmpty();
        page.navigate(base() + "/inbox/" + id);
        page.waitForURL("**/login");
    }
}

package uk.co.omniops.suggestion.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;
import uk.co.omniops.test.TestInfrastructure;

/**
 * The agent's flow in the real inbox (message arrives → three suggestions above the reply box → click, edit, send →
 * feedback stored) and the supervisors' reply library page. Screenshots go to {@code target/screenshots}.
 */
@BrowserTest
class SuggestionBrowserTests implements BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    BrowserContext context;
    Page page;
    CustomerId techsupport;

    @BeforeEach
    void open() {
        techsupport = tenancy.customerBySlug("techsupport-co").orElseThrow().id();
    }

    @Test
    void agentPicksASuggestionEditsItAndTheFeedbackIsStored() throws Exception {
        var tag = UUID.randomUUID().toString().substring(0, 6);
        Browser.signIn(page, base(), "agent@techsupport-co", "demo");
        page.waitForURL("**/inbox");
        var id = conversations
                .start(
                        techsupport,
                        new NewContact("Nora Quinn", "nora-" + tag + "@example.com", null),
                        "Hi, you charged my card twice for the subscription this month, can you refund the duplicate?",
                        "chat",
                        null)
                .conversation()
                .id();
        page.navigate(base() + "/inbox/" + id);
        assertThat(page.locator("#composer")).isVisible();

        var panel = page.locator("[data-slot=suggested-replies] #suggestion-panel");
        assertThat(panel)
                .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                        .setTimeout(10_000));
        var cards = panel.locator(".omniops-suggestion");
        assertThat(cards).hasCount(3);
        // a library entry or a knowledge article, whichever ranks first for this text
        assertThat(panel.locator("#suggestion-1")).containsText(java.util.regex.Pattern.compile("Library:|Article:"));
        assertThat(panel.locator("#suggestion-1")).containsText("Nora");
        Browser.screenshot(page, "suggestions-under-composer");

        panel.locator("#suggestion-1").click();
        var composer = page.locator("#composer textarea");
        assertThat(composer).not().hasValue("");
        var inserted = composer.inputValue();
        assertThat(inserted).doesNotContain("{{");
        composer.fill(inserted + " Sorry again for the trouble.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();
        if (!uk.co.omniops.suggestion.ReplyChecks.claimedActions(inserted).isEmpty()) {
            // the reply says something was done ("the duplicate is being reversed today"): the agent confirms it
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("It is done, send"))
                    .click();
        }
        assertThat(page.locator("#thread")).containsText("Sorry again for the trouble.");
        Browser.screenshot(page, "suggestion-sent");

        // the contact's next message brings new suggestions: the same cards show them (only their texts are sent)
        var first = panel.locator("#suggestion-1 .omniops-suggestion-text").textContent();
        page.evaluate("() => window.__card = document.getElementById('suggestion-1')");
        conversations.receive(
                techsupport, id, "Also, how do I change the e-mail address my invoices are sent to?", null);
        assertThat(panel.locator("#suggestion-1 .omniops-suggestion-text"))
                .not()
                .hasText(
                        first,
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(page.evaluate("() => window.__card === document.getElementById('suggestion-1')"))
                .isEqualTo(true);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            try (var c = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                    var rs = c.createStatement()
                            .executeQuery("select status, edit_distance from response_suggestions "
                                    + "where conversation_id = '" + id + "' and inserted_at is not null")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("edited");
                assertThat(rs.getInt(2)).isEqualTo(" Sorry again for the trouble.".length());
            }
        });
    }

    @Test
    void supervisorsManageTheLibraryWithAcceptanceRatesAndValidation() {
        Browser.signIn(page, base(), "supervisor@techsupport-co", "demo", "/settings/replies");
        assertThat(page.locator("#reply-entries")).isVisible();
        assertThat(page.locator("#reply-entries")).containsText("Duplicate charge on the invoice");
        assertThat(page.locator("#suggestion-figures")).containsText("Acceptance");

        page.locator("#new-reply").click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.locator("#save-reply").click();
        assertThat(dialog.getByText("A title is required")).isVisible();
        var title = "Loyalty discount " + UUID.randomUUID().toString().substring(0, 6);
        dialog.getByLabel("Title").fill(title);
        dialog.getByLabel("Text").fill("Hi {{contact.first_name}}, as a thank-you here is 10 % off your next renewal.");
        dialog.getByLabel("Categories").fill("billing, praise");
        dialog.locator("#save-reply").click();
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
        assertThat(page.locator("#reply-entries")).containsText(title);

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Knowledge snippets"))
                .click();
        assertThat(page.locator("#knowledge-snippets")).containsText("Refund policy");
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Replies"))
                .click();
        Browser.screenshot(page, "reply-library");
    }
}

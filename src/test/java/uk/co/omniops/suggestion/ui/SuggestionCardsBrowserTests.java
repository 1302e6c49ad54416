package uk.co.omniops.suggestion.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.suggestion.ReplyChecks;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;

/**
 * Suggestion cards as an agent reads them before use, in a real Chromium: the whole reply (expandable) with its
 * placeholders highlighted; a reply with an unfilled placeholder is never sent, however the agent tries; a reply that
 * says an action was taken is marked on its card and sent only once the agent confirms it.
 */
@BrowserTest
class SuggestionCardsBrowserTests implements BrowserTestSupport {

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    BrowserContext context;
    Page page;
    CustomerId techsupport;

    @BeforeEach
    void open() {
        page.setViewportSize(1440, 900);
        techsupport = tenancy.customerBySlug("techsupport-co").orElseThrow().id();
    }

    Locator openWithSuggestions(String text) {
        var tag = UUID.randomUUID().toString().substring(0, 6);
        var id = start(tag, text);
        Browser.signIn(page, base(), "agent@techsupport-co", "demo", "/inbox/" + id);
        var panel = page.locator("#suggestion-panel");
        assertThat(panel).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        return panel;
    }

    ConversationId lastOpened;

    ConversationId start(String tag, String text) {
        lastOpened = conversations
                .start(
                        techsupport,
                        new NewContact("Cards " + tag, "cards-" + tag + "@example.com", null),
                        text,
                        "chat",
                        null)
                .conversation()
                .id();
        return lastOpened;
    }

    /** Every text stored in the conversation, contact's and agent's. */
    String stored() {
        return String.join(
                "\n",
                conversations.find(techsupport, lastOpened).orElseThrow().messages().stream()
                        .map(m -> m.text())
                        .toList());
    }

    @Test
    void aPlaceholderIsHighlightedAndAReplyWithOneIsNeverSent() {
        var panel =
                openWithSuggestions("Hi, where is my hardware order? The delivery is late and I got no tracking link.");
        var card = panel.locator(".omniops-suggestion-card")
                .filter(new Locator.FilterOptions()
                        .setHas(page.locator(
                                ".omniops-placeholder", new Page.LocatorOptions().setHasText("[order number]"))))
                .first();
        assertThat(card).isVisible();
        assertThat(card.locator(".omniops-placeholder").first()).hasText("[order number]");
        assertThat(card.locator("[data-check=placeholder]")).containsText("Fill in [order number]");

        // the whole reply can be read before it is used
        var expand = card.locator(".omniops-suggestion-expand");
        if (expand.isVisible()) {
            expand.click();
            assertThat(expand).hasAttribute("aria-expanded", "true");
        }
        var text = card.locator(".omniops-suggestion-text");
        assertThat((Boolean) text.evaluate("e => e.scrollHeight <= e.clientHeight + 1"))
                .as("the reply's text is not cut")
                .isTrue();
        Browser.screenshot(page, "suggestion-card-placeholder");

        card.locator(".omniops-suggestion").click();
        var composer = page.locator("#composer textarea");
        assertThat(composer).hasValue(java.util.regex.Pattern.compile("\\[order number]"));
        // the placeholder is selected: typing replaces it
        assertThat(composer.evaluate("a => a.value.substring(a.selectionStart, a.selectionEnd)"))
                .isEqualTo("[order number]");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();
        assertThat(page.locator("#composer")).hasAttribute("invalid", "");
        assertThat(page.locator("#composer")).containsText("Fill in [order number] before sending.");
        composer.press("Control+Enter");
        page.waitForTimeout(1_500);
        assertThat(page.locator("#thread")).not().containsText("[order number]");
        assertThat(ReplyChecks.placeholders(stored()))
                .as("no literal placeholder was stored")
                .isEmpty();

        var filled = composer.inputValue().replace("[order number]", "TS-48213");
        composer.fill(filled);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();
        if (!ReplyChecks.claimedActions(filled).isEmpty()) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("It is done, send"))
                    .click();
        }
        assertThat(page.locator("#thread")).containsText("TS-48213");
        assertThat(ReplyChecks.placeholders(stored())).isEmpty();
    }

    @Test
    void aReplyClaimingAnActionIsMarkedAndSentOnlyOnceTheAgentConfirms() {
        var panel =
                openWithSuggestions("Hi, where is my hardware order? The delivery is late and I got no tracking link.");
        var card = panel.locator(".omniops-suggestion-card[data-claims=true]").first();
        assertThat(card).isVisible();
        assertThat(card.locator("[data-check=claim]")).containsText("Says it is done: “");
        Browser.screenshot(page, "suggestion-card-claim");

        card.locator(".omniops-suggestion").click();
        var composer = page.locator("#composer textarea");
        assertThat(composer).not().hasValue("");
        // the placeholders filled, the claim left as it is
        var value = composer.inputValue();
        for (var placeholder : ReplyChecks.placeholders(value)) {
            value = value.replace(placeholder, "TS-" + Math.abs(placeholder.hashCode() % 100_000));
        }
        var claimed = ReplyChecks.claimedActions(value);
        assertThat(claimed).isNotEmpty();
        composer.fill(value);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();
        var dialog = page.locator("[role=dialog], [role=alertdialog]");
        assertThat(dialog).containsText(claimed.getFirst());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit the reply"))
                .click();
        page.waitForTimeout(1_000);
        assertThat(page.locator("#thread")).not().containsText(claimed.getFirst());
        assertThat(stored()).doesNotContain(claimed.getFirst());

        // rephrased as an offer, it goes out without a question
        var offer = value;
        for (var sentence : claimed) {
            offer = offer.replace(sentence, "I can check that for you now if you like.");
        }
        composer.fill(offer);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();
        assertThat(page.locator("#thread")).containsText("I can check that for you now if you like.");
        assertThat(dialog).hasCount(0);
    }
}

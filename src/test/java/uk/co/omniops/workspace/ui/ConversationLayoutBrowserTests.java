package uk.co.omniops.workspace.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;

/**
 * The agent's conversation view measured in a real Chromium (element bounding boxes): at 1440×900 a conversation of
 * six short messages shows at least four of them and the reply box without scrolling; at 1280×800 the conversation
 * sits beside the inbox, not over it; an agent's single page has no navigation drawer; the inbox's filters show
 * their values whole; new unassigned work is marked and counted.
 */
@BrowserTest
class ConversationLayoutBrowserTests implements BrowserTestSupport {

    static final String AGENT = "agent@techsupport-co";

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    BrowserContext context;
    Page page;
    CustomerId techsupport;

    @BeforeEach
    void openBrowser() {
        techsupport = tenancy.customerBySlug("techsupport-co").orElseThrow().id();
    }

    /** Six short messages, the contact's last (so suggestions show too: the fullest view). */
    ConversationId sixMessageConversation(String tag) {
        var agent = tenancy.users(techsupport).stream()
                .filter(u -> u.role() == Role.AGENT)
                .findFirst()
                .orElseThrow()
                .id();
        var id = conversations
                .start(
                        techsupport,
                        new NewContact("Layout " + tag, "layout-" + tag + "@example.com", null),
                        "Hi, my printer shows error E04 after the firmware update.",
                        "chat",
                        null)
                .conversation()
                .id();
        conversations.reply(techsupport, id, agent, "Sorry to hear that! Which model is it?");
        conversations.receive(techsupport, id, "It is the LaserJet 400.", null);
        conversations.reply(techsupport, id, agent, "Thanks. Did you restart it after the update?");
        conversations.receive(techsupport, id, "Yes, twice. Still E04.", null);
        conversations.receive(techsupport, id, "Is there a fix for the error?", null);
        return id;
    }

    @Test
    void at1440By900FourOfSixMessagesAndTheReplyBoxShowWithoutScrolling() {
        page.setViewportSize(1440, 900);
        var id = sixMessageConversation(UUID.randomUUID().toString().substring(0, 8));
        Browser.signIn(page, base(), AGENT, "demo", "/inbox/" + id);
        var messages = page.locator("#thread .omniops-msg");
        assertThat(messages).hasCount(6);
        // the suggestions and the escalation banner arrive after the thread: measure once they are there
        assertThat(page.locator("#suggestion-panel"))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        page.waitForTimeout(1_000);

        var thread = box(page.locator("#thread"));
        int shown = 0;
        for (int i = 0; i < 6; i++) {
            var m = box(messages.nth(i));
            if (m.y >= thread.y - 1 && m.y + m.height <= thread.y + thread.height + 1 && m.y + m.height <= 900) {
                shown++;
            }
        }
        Browser.screenshot(page, "layout-1440x900");
        assertThat(shown)
                .as("messages wholly visible in the thread at 1440×900")
                .isGreaterThanOrEqualTo(4);
        var reply = box(page.locator("#composer textarea"));
        assertThat(reply.y).as("reply box top").isGreaterThan(thread.y);
        assertThat(reply.y + reply.height)
                .as("reply box bottom within the window")
                .isLessThanOrEqualTo(900);
        assertThat(scrollTop(page.locator("#conversation")))
                .as("the conversation itself is not scrolled")
                .isZero();

        // an agent has one page: no navigation drawer takes the width
        assertThat(page.locator("#main-nav")).hasCount(0);
        assertThat(box(page.locator("#conversation-grid")).x).isLessThan(40);
        // the prediction's factors and the contact's details are one click away, not above the thread
        var header = box(page.locator(".omniops-conv-header"));
        assertThat(header.height).as("header height").isLessThan(110);
    }

    @ParameterizedTest
    @ValueSource(strings = {AGENT, "supervisor@techsupport-co"})
    void at1280By800TheConversationSitsBesideTheInbox(String user) {
        page.setViewportSize(1280, 800);
        var id = sixMessageConversation(UUID.randomUUID().toString().substring(0, 8));
        Browser.signIn(page, base(), user, "demo", "/inbox/" + id);
        assertThat(page.locator("#thread .omniops-msg")).hasCount(6);
        var list = box(page.locator("#conversation-grid"));
        var conversation = box(page.locator("#conversation"));
        Browser.screenshot(page, "layout-1280x800-" + user.substring(0, user.indexOf('@')));
        assertThat(list.x + list.width)
                .as("the list ends where the conversation starts")
                .isLessThanOrEqualTo(conversation.x + 1);
        assertThat(conversation.x + conversation.width).isLessThanOrEqualTo(1280 + 1);
    }

    @Test
    void theInboxFiltersShowTheirValuesWhole() {
        page.setViewportSize(1440, 900);
        Browser.signIn(page, base(), AGENT, "demo");
        page.waitForURL("**/inbox");
        for (var select : List.of("#status-filter", "#priority-filter", "#sentiment-filter", "#sort")) {
            assertThat(page.locator(select)).isVisible();
            @SuppressWarnings("unchecked")
            var fit = (Map<String, Object>) page.locator(select).evaluate("""
                    select => {
                      const button = select.querySelector('vaadin-select-value-button');
                      // cut text ("Open & pe…") overflows the element that clips it
                      const cut = [button, ...button.querySelectorAll('*')]
                          .filter(e => e.scrollWidth > e.clientWidth + 1).length;
                      return {text: button.textContent.trim(), cut: cut};
                    }""");
            assertThat(((Number) fit.get("cut")).intValue())
                    .as(select + " shows \"" + fit.get("text") + "\" whole")
                    .isZero();
        }
    }

    @Test
    void newUnassignedWorkIsMarkedCountedAndPreviewedByItsLatestMessage() {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        page.setViewportSize(1440, 900);
        Browser.signIn(page, base(), AGENT, "demo");
        page.waitForURL("**/inbox");
        var newWork = page.locator("#new-work");
        var name = "Newcomer " + tag;
        var first = "My smart plug will not join the network " + tag;
        var id = conversations
                .start(techsupport, new NewContact(name, "new-" + tag + "@example.com", null), first, "chat", null)
                .conversation()
                .id();
        assertThat(newWork).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        assertThat(newWork).hasText(java.util.regex.Pattern.compile("\\d+ new"));

        newWork.click();
        var row = page.locator("#conversation-grid vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText(name));
        assertThat(row).isVisible();
        assertThat(row.locator(".omniops-new")).isVisible();
        // one message: the subject would repeat it, so the row shows the message alone
        assertThat(row.locator(".omniops-cell-subject")).isHidden();
        assertThat(row.locator(".omniops-cell-preview")).containsText(first);

        var latest = "It blinks orange now " + tag;
        conversations.receive(techsupport, id, latest, null);
        assertThat(row.locator(".omniops-cell-preview")).containsText(latest);
        assertThat(row.locator(".omniops-cell-subject")).isVisible();
        Browser.screenshot(page, "inbox-new-work");
    }

    static BoundingBox box(Locator locator) {
        var box = locator.boundingBox();
        assertThat(box).as("bounding box of " + locator).isNotNull();
        return box;
    }

    static double scrollTop(Locator locator) {
        return ((Number) locator.evaluate("e => e.scrollTop")).doubleValue();
    }
}

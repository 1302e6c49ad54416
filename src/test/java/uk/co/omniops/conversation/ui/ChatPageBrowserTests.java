package uk.co.omniops.conversation.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.Axe;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;

/** The public chat page: a visitor chats with an agent live; internal notes never reach the visitor. */
@BrowserTest
class ChatPageBrowserTests implements BrowserTestSupport {

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    BrowserContext visitorContext;
    BrowserContext agentContext;
    Page visitor;
    Page agent;
    CustomerId techsupport;

    @BeforeEach
    void openBrowsers() {
        visitorContext = Browser.newContext();
        agentContext = Browser.newContext();
        visitor = visitorContext.newPage();
        agent = agentContext.newPage();
        techsupport = tenancy.customerBySlug("techsupport-co").orElseThrow().id();
    }

    @AfterEach
    void closeBrowsers() {
        visitorContext.close();
        agentContext.close();
    }

    ConversationId startChat(String name, String firstMessage) {
        visitor.navigate(base() + "/chat/techsupport-co");
        assertThat(visitor.locator("h1")).hasText("Chat with TechSupport Co");
        visitor.locator("#chat-name input").fill(name);
        visitor.locator("#chat-email input").fill(name.toLowerCase().replace(' ', '.') + "@example.com");
        visitor.locator("#chat-first-message textarea").fill(firstMessage);
        visitor.locator("#chat-start").click();
        assertThat(visitor.locator("#chat-thread").getByText(firstMessage)).isVisible();
        var all = new InboxQuery(InboxQuery.Scope.ALL, null, Set.of(), Set.of(), InboxQuery.Sort.NEWEST);
        return conversations.inbox(techsupport, all, 0, 100).stream()
                .filter(s -> s.contactName().equals(name))
                .findFirst()
                .orElseThrow()
                .id();
    }

    @Test
    void visitorAndAgentChatLiveAndInternalNotesStayInternal() {
        var name = "Visitor " + UUID.randomUUID().toString().substring(0, 6);
        var first = "My VPN drops every few minutes " + UUID.randomUUID();
        var id = startChat(name, first);

        Browser.signIn(agent, base(), "agent@techsupport-co", "demo", "/inbox/" + id);
        assertThat(agent.locator("#thread").getByText(first)).isVisible();

        var note = "NOTE: check their router firmware " + UUID.randomUUID();
        agent.locator("#composer-mode").getByText("Internal note").click();
        agent.locator("#composer textarea").fill(note);
        agent.locator("#composer textarea").press("Control+Enter");
        assertThat(agent.locator("#thread .omniops-msg--note").getByText(note)).isVisible();

        var reply = "Sorry about that! Which version of SecureVPN are you on? " + UUID.randomUUID();
        agent.locator("#composer-mode").getByText("Reply").click();
        agent.locator("#composer textarea").fill(reply);
        agent.locator("#send").click();
        assertThat(visitor.locator("#chat-thread").getByText(reply))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(3_000));

        var answer = "Version 5.2, on Windows " + UUID.randomUUID();
        visitor.locator("#chat-message textarea").fill(answer);
        visitor.locator("#chat-message textarea").press("Control+Enter");
        assertThat(visitor.locator("#chat-thread").getByText(answer)).isVisible();
        assertThat(agent.locator("#thread").getByText(answer))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(3_000));

        visitor.reload();
        assertThat(visitor.locator("#chat-thread").getByText(reply)).isVisible();
        assertThat(visitor.locator("body")).not().containsText(note);
        assertThat(visitor.content()).doesNotContain(note).doesNotContain("check their router firmware");
        Browser.screenshot(visitor, "chat-visitor");
        Browser.screenshot(agent, "chat-agent-side");
    }

    @Test
    void sendingFasterThanOnceASecondIsRefusedPolitely() {
        startChat("Quick Typist " + UUID.randomUUID().toString().substring(0, 6), "Hello there");
        visitor.locator("#chat-message textarea").fill("one");
        // two clicks in one go, as a double click on Send: the second reaches the server right behind the first. Two
        // separate fill-and-click steps were over a second apart whenever the machine was busy (each send is two
        // round trips), and the second was rightly accepted
        visitor.locator("#chat-send").evaluate("button => { button.click(); button.click(); }");
        assertThat(visitor.locator("#chat-message")).containsText("too quickly");
    }

    @Test
    void emptyMessagesGetTheServicesValidationError() {
        startChat("Empty Sender " + UUID.randomUUID().toString().substring(0, 6), "Hi");
        visitor.waitForTimeout(1_100);
        visitor.locator("#chat-message textarea").fill("   ");
        visitor.locator("#chat-send").click();
        assertThat(visitor.locator("#chat-message")).containsText("must not be empty");
    }

    @Test
    void unknownCustomerGetsAFriendlyNotFound() {
        visitor.navigate(base() + "/chat/no-such-company");
        assertThat(visitor.locator("#chat-not-found")).containsText("We couldn't find this chat");
        assertThat(visitor.content()).doesNotContain("Exception");
    }

    @Test
    void chatPageHasNoSeriousAccessibilityViolations() {
        visitor.navigate(base() + "/chat/fooddelivery-inc");
        assertThat(visitor.locator("#chat-start-form")).isVisible();
        visitor.waitForTimeout(300);
        assertThat(Axe.seriousViolations(visitor)).isEmpty();
        Browser.screenshot(visitor, "chat-start");
    }
}

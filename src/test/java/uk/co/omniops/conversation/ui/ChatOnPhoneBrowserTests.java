package uk.co.omniops.conversation.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;

/**
 * The public chat on a phone (390×844, touch, mobile viewport, through Chromium's device emulation): Enter sends,
 * Shift+Enter starts a new line, the hint says so, the phone's keyboard labels its Enter key "send", and nothing
 * is wider than the screen.
 */
@BrowserTest
class ChatOnPhoneBrowserTests implements BrowserTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    BrowserContext context;
    Page page;
    Page phone;
    CustomerId techsupport;

    @BeforeEach
    void openPhone() {
        phone = page;
        var cdp = context.newCDPSession(phone);
        cdp.send(
                "Emulation.setDeviceMetricsOverride",
                json(Map.of("width", 390, "height", 844, "deviceScaleFactor", 3, "mobile", true)));
        cdp.send("Emulation.setTouchEmulationEnabled", json(Map.of("enabled", true, "maxTouchPoints", 5)));
        phone.setViewportSize(390, 844);
        techsupport = tenancy.customerBySlug("techsupport-co").orElseThrow().id();
    }

    static JsonObject json(Map<String, Object> values) {
        var o = new JsonObject();
        values.forEach((k, v) -> {
            if (v instanceof Boolean b) {
                o.addProperty(k, b);
            } else {
                o.addProperty(k, (Number) v);
            }
        });
        return o;
    }

    @Test
    void enterSendsAndShiftEnterStartsANewLine() {
        assertThat(phone.evaluate("() => navigator.maxTouchPoints > 0 && matchMedia('(pointer: coarse)').matches"))
                .as("the page sees a touch device")
                .isEqualTo(true);
        var tag = UUID.randomUUID().toString().substring(0, 6);
        var name = "Phone " + tag;
        phone.navigate("http://localhost:" + port + "/chat/techsupport-co");
        phone.locator("#chat-name input").fill(name);
        phone.locator("#chat-email input").fill("phone-" + tag + "@example.com");
        phone.locator("#chat-first-message textarea").fill("My tablet app will not sync " + tag);
        phone.locator("#chat-start").click();
        var message = phone.locator("#chat-message");
        assertThat(message).isVisible();
        assertThat(message).containsText("Enter to send · Shift+Enter for a new line");
        assertThat(message).not().containsText("Ctrl+Enter");
        assertThat(message.locator("textarea")).hasAttribute("enterkeyhint", "send");

        // the chat allows one message a second
        phone.waitForTimeout(1_200);
        var box = message.locator("textarea");
        box.click();
        phone.keyboard().type("First line " + tag);
        phone.keyboard().press("Shift+Enter");
        phone.keyboard().type("second line");
        assertThat(box).hasValue("First line " + tag + "\nsecond line");
        phone.keyboard().press("Enter");
        assertThat(phone.locator("#chat-thread")).containsText("second line");
        assertThat(box).hasValue("");

        var all = new InboxQuery(InboxQuery.Scope.ALL, null, Set.of(), Set.of(), InboxQuery.Sort.NEWEST);
        var id = conversations.inbox(techsupport, all, 0, 100).stream()
                .filter(s -> s.contactName().equals(name))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(conversations.find(techsupport, id).orElseThrow().messages())
                .extracting(m -> m.text())
                .contains("First line " + tag + "\nsecond line");
        assertThat(((Number) phone.evaluate("() => document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the phone")
                .isLessThanOrEqualTo(390);
        Browser.screenshot(phone, "chat-phone-390x844");
    }
}

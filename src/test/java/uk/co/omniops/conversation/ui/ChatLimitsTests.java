package uk.co.omniops.conversation.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.platform.RateLimits;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/** The public chat's limits per address and per customer (issue 21, finding 1), in the shared Redis buckets. */
@OmniOpsIntegrationTest
@Tag("browser")
class ChatLimitsTests {

    @LocalServerPort
    int port;

    @Autowired
    RateLimits rateLimits;

    @Autowired
    ChatLimits appLimits;

    @Autowired
    TenancyManagement tenancy;

    /** The product's defaults (the test profile raises the per-address ones for its many browsers on 127.0.0.1). */
    private ChatLimits defaults() {
        return new ChatLimits(rateLimits, 10, 120, 30, 1200);
    }

    @Test
    void twoHundredChatStartsFromOneAddressAreLimitedToTenAnHour() {
        var limits = defaults();
        var customer = new CustomerId(UUID.randomUUID());
        var address = "198.51.100." + (int) (Math.random() * 250);
        var refusals = IntStream.range(0, 200)
                .mapToObj(i -> limits.refuseStart(customer, address + "-" + port))
                .toList();

        assertThat(refusals.stream().filter(java.util.Optional::isEmpty).count())
                .isEqualTo(10);
        assertThat(refusals.get(10))
                .hasValueSatisfying(text -> assertThat(text)
                        .startsWith("You have started several conversations in a short time")
                        .contains("wait 6 minutes"));
        // another visitor of the same customer is not affected
        assertThat(limits.refuseStart(customer, "198.51.100.251-" + UUID.randomUUID()))
                .isEmpty();
    }

    @Test
    void oneCustomersChatIsLimitedAsAWholeWhateverTheAddresses() {
        var limits = defaults();
        var customer = new CustomerId(UUID.randomUUID());
        var started = System.nanoTime();
        var refusals = IntStream.range(0, 200)
                .mapToObj(i -> limits.refuseStart(customer, "addr-" + UUID.randomUUID()))
                .toList();
        // the bucket refills as it goes, 120 a minute: two more starts a second of the loop (on a loaded machine the
        // 400 Redis calls took over half a second, and the 121st start was rightly allowed)
        var refilled = 2 * (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(refusals.stream().filter(java.util.Optional::isEmpty).count())
                .isBetween(120L, 120L + refilled);
        assertThat(refusals.subList(0, 120)).allMatch(java.util.Optional::isEmpty);
        assertThat(refusals.stream().filter(java.util.Optional::isPresent).findFirst())
                .hasValueSatisfying(refusal -> assertThat(refusal)
                        .hasValueSatisfying(text -> assertThat(text).startsWith("Our chat is very busy right now")));
        assertThat(limits.refuseStart(new CustomerId(UUID.randomUUID()), "addr-x"))
                .isEmpty();
    }

    @Test
    void messagesPerAddressAreLimitedToThirtyAMinute() {
        var limits = defaults();
        var customer = new CustomerId(UUID.randomUUID());
        var address = "addr-" + UUID.randomUUID();
        var started = System.nanoTime();
        var allowed = IntStream.range(0, 100)
                .filter(i -> limits.refuseMessage(customer, address).isEmpty())
                .count();
        // refilled as it goes: one more message every two seconds of the loop
        assertThat(allowed).isBetween(30L, 30L + (System.nanoTime() - started) / 2_000_000_000L);
        assertThat(limits.refuseMessage(customer, address))
                .hasValueSatisfying(text -> assertThat(text).startsWith("You're sending messages too quickly"));
    }

    @Test
    void aVisitorOfAFloodedChatIsToldWhyAndNothingIsStarted() throws InterruptedException {
        var slug = "flooded-" + UUID.randomUUID().toString().substring(0, 8);
        var customer = tenancy.ensureCustomer(slug, "Flooded Ltd", "starter", "eu");
        // the flood, going on while the visitor tries: starts from many addresses take every token as it refills
        var flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
        var flood = Thread.ofVirtual().start(() -> {
            while (flooding.get()) {
                appLimits.refuseStart(customer.id(), "flood-" + UUID.randomUUID());
            }
        });
        try (var context = Browser.newContextFrom(Browser.randomAddress())) {
            var page = context.newPage();
            page.navigate("http://localhost:" + port + "/chat/" + slug);
            page.locator("#chat-name input").fill("Vera Visitor");
            page.locator("#chat-email input").fill("vera@example.com");
            page.locator("#chat-first-message textarea").fill("Hello, is anyone there?");
            page.locator("#chat-start").click();
            assertThat(page.locator("#chat-first-message")).containsText("Our chat is very busy right now");
            assertThat(page.locator("#chat-start-form")).isVisible();
            assertThat(page.locator("#chat-thread")).isHidden();
            Browser.screenshot(page, "chat-flooded");
        } finally {
            flooding.set(false);
            flood.join();
        }
    }
}

package uk.co.omniops.escalation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.escalation.internal.AnalysedMessage;
import uk.co.omniops.escalation.internal.Escalator;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.tenancy.Role;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.Browser;
import uk.co.omniops.test.BrowserTest;
import uk.co.omniops.test.BrowserTestSupport;

/** The supervisors' desk in a real Chromium: a new escalation shows up live, is acknowledged and resolved. */
@BrowserTest
class EscalationDeskBrowserTests implements BrowserTestSupport {

    static final String SLUG = "escalation-desk";

    @LocalServerPort
    int port;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    Escalator escalator;

    @Autowired
    EscalationManagement escalations;

    @Autowired
    LiveUpdates liveUpdates;

    BrowserContext context;
    Page page;

    @BeforeEach
    void openBrowser() {
        var customer = tenancy.ensureCustomer(SLUG, "Escalation Desk Ltd", "business", "eu");
        tenancy.ensureUser(customer, "supervisor@" + SLUG, "Desk Supervisor", Role.SUPERVISOR, "demo");
    }

    @Test
    void newEscalationAppearsLiveAndIsAcknowledgedAndResolved() {
        var customer = tenancy.customerBySlug(SLUG).orElseThrow();
        Browser.signIn(page, "http://localhost:" + port, "supervisor@" + SLUG, "demo");
        page.waitForURL("**/escalations");
        assertThat(page.locator("#escalation-queue")).isVisible();
        page.waitForTimeout(500); // the push connection settles after the first render

        // watch before starting the conversation: the real analysis pipeline may escalate this message before the test
        // does
        // the page notes (in its own clock, the same machine's) when the queue first shows one more row
        page.evaluate("""
                () => {
                  const grid = document.querySelector('#escalation-queue');
                  const before = grid.getAttribute('data-count');
                  window.__escalationSeenAt = null;
                  const tick = () => {
                    if (grid.getAttribute('data-count') !== before) { window.__escalationSeenAt = Date.now(); }
                    else { requestAnimationFrame(tick); }
                  };
                  requestAnimationFrame(tick);
                }""");
        var started = conversations.start(
                customer.id(),
                new NewContact("Furious Fred", "fred-" + UUID.randomUUID() + "@example.com", null),
                "Hi, a quick question about the settings on my account, please.",
                "chat",
                null);
        var message = conversations.receive(
                customer.id(),
                started.conversation().id(),
                "This is the worst service ever. I want to speak to a manager!",
                null);
        escalator.onAnalysed(furious(message));
        var opened = escalations
                .forConversation(customer.id(), started.conversation().id())
                .orElseThrow()
                .openedAt();
        page.waitForFunction(
                "() => window.__escalationSeenAt !== null", null, new Page.WaitForFunctionOptions().setTimeout(5_000));
        var seenAt = ((Number) page.evaluate("() => window.__escalationSeenAt")).longValue();
        // the row names the contact and the subject and says why in words
        var row = rowsWith("Furious Fred");
        row.first().waitFor();
        // from the escalation's opening (its transaction commits right after) to the browser showing it
        var ms = seenAt - opened.toEpochMilli();
        System.out.println("Escalation desk live latency: " + ms + " ms");
        Browser.screenshot(page, "escalation-desk-new");
        assertThat(ms).as("new escalation visible within 1 s").isLessThanOrEqualTo(1_000);

        assertThat(page.locator("#escalation-queue vaadin-grid-cell-content")
                        .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Asked for a manager"))
                        .first())
                .isVisible();

        row.first().click();
        assertThat(page.locator("#escalation-heading")).containsText("Furious Fred");
        assertThat(page.locator("#escalation-summary")).containsText("Asked for a manager");
        assertThat(page.locator("#escalation-summary")).not().containsText("score");
        assertThat(page.locator("#escalation-reason")).containsText("speak to a manager");
        // the triggering message in full, with the message before it
        assertThat(page.locator("#escalation-messages .omniops-escalation-trigger"))
                .containsText("This is the worst service ever. I want to speak to a manager!");
        assertThat(page.locator("#escalation-messages")).containsText("a quick question about the settings");
        page.locator("#acknowledge").click();
        assertThat(page.locator("#escalation-details")).containsText("Acknowledged by Desk Supervisor");
        assertThat(page.locator("#escalation-history")).containsText("Acknowledged by Desk Supervisor");
        assertThat(page.locator("#open-conversation"))
                .hasAttribute("href", "inbox/" + started.conversation().id().value());
        Browser.screenshot(page, "escalation-desk-acknowledged");

        page.locator("#resolve").click();
        page.locator("#resolution-note textarea").fill("Called the customer back; courier re-booked.");
        Browser.screenshot(page, "escalation-desk-resolve-dialog");
        page.locator("#confirm-resolve").click();
        // vaadin-grid keeps pooled (hidden) rows with their old content: only visible rows count
        assertThat(rowsWith("Furious Fred")
                        .filter(new com.microsoft.playwright.Locator.FilterOptions().setVisible(true)))
                .hasCount(0);
        org.assertj.core.api.Assertions.assertThat(escalations.forConversation(
                        customer.id(), started.conversation().id()))
                .as("no escalation left open for the conversation")
                .isEmpty();
        assertThat(page.locator("#count-resolved")).containsText("1");
        Browser.screenshot(page, "escalation-desk-resolved");
    }

    /** The supervisor sets the customer's first-response SLA; each desk row says how long is left or since when it is breached. */
    /**
     * A click made on the desk as the browser last saw it selects its row even when a live redraw reached the server
     * first: the browser's row keys survive redraws. (Each redraw used to replace the grid's items and with them
     * every key, so such a click was dropped and the detail panel stayed empty.)
     */
    @Test
    void aClickSentJustBeforeALiveRedrawStillSelectsTheRow() {
        var customer = tenancy.ensureCustomer(SLUG + "-redraw", "Escalation Redraw Ltd", "business", "eu");
        tenancy.ensureUser(customer, "supervisor@" + SLUG + "-redraw", "Redraw Supervisor", Role.SUPERVISOR, "demo");
        var started = conversations.start(
                customer.id(),
                new NewContact("Clicking Clara", "clara-" + UUID.randomUUID() + "@example.com", null),
                "I want to speak to a manager right now, this is the worst service ever!",
                "chat",
                null);
        escalator.onAnalysed(furious(started.messages().getLast()));
        Browser.signIn(page, "http://localhost:" + port, "supervisor@" + SLUG + "-redraw", "demo");
        page.waitForURL("**/escalations");
        assertThat(rowsWith("Clicking Clara").first()).isVisible();
        // the key the browser would send for a click on the row now
        var key = (String) page.evaluate(
                "() => document.querySelector('#escalation-queue').shadowRoot.querySelector('#items tr')._item.key");
        // a live redraw reaches the server and then the browser (its figures are drawn anew)
        page.evaluate("() => document.querySelector('#count-open').dataset.stale = 'yes'");
        liveUpdates.publish(LiveUpdate.of(customer.id().value(), LiveUpdate.Kind.ESCALATION_UPDATED, null));
        page.waitForFunction("() => !document.querySelector('#count-open')?.dataset.stale");
        // the click made before the redraw arrives after it
        page.evaluate("k => document.querySelector('#escalation-queue').$server.select(k)", key);
        assertThat(page.locator("#escalation-heading")).containsText("Clicking Clara");
    }

    /** The analysis of a furious message that asks for a manager: the default rules escalate it as critical. */
    private static AnalysedMessage furious(uk.co.omniops.conversation.Message message) {
        return new AnalysedMessage(
                message.id(),
                message.conversationId(),
                message.customerId(),
                0.07,
                "negative",
                0.95,
                List.of("complaint"),
                Instant.now());
    }

    /** The desk's cells that contain {@code text} (pooled, hidden rows included). */
    private com.microsoft.playwright.Locator rowsWith(String text) {
        return page.locator("#escalation-queue vaadin-grid-cell-content")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(text));
    }

    @Test
    void deskShowsTheTimeLeftBeforeTheCustomersFirstResponseSla() throws Exception {
        var customer = tenancy.customerBySlug(SLUG).orElseThrow();
        Browser.signIn(page, "http://localhost:" + port, "supervisor@" + SLUG, "demo", "/escalations/rules");
        var sla = page.locator("#first-response-sla input");
        sla.fill("0");
        page.locator("#save-sla").click();
        assertThat(page.locator("#first-response-sla")).hasAttribute("invalid", "");
        sla.fill("45");
        page.locator("#save-sla").click();
        assertThat(page.locator("#first-response-sla")).not().hasAttribute("invalid", "");
        assertThat(page.locator("#rules")).containsText("waiting past the first-response SLA");
        org.assertj.core.api.Assertions.assertThat(tenancy.firstResponseSla(customer.id()))
                .isEqualTo(java.time.Duration.ofMinutes(45));

        // a furious contact who wrote just now, and a calm one who has waited 50 minutes (past the SLA)
        var furious = conversations.start(
                customer.id(),
                new NewContact("Sla Sally", "sally-" + UUID.randomUUID() + "@example.com", null),
                "Where is my refund?",
                "chat",
                null);
        var angry = conversations.receive(
                customer.id(),
                furious.conversation().id(),
                "This is the worst service ever. I want to speak to a manager!",
                null);
        escalator.onAnalysed(new AnalysedMessage(
                angry.id(),
                angry.conversationId(),
                customer.id(),
                0.07,
                "negative",
                0.95,
                List.of("complaint"),
                Instant.now()));
        var calm = conversations.start(
                customer.id(),
                new NewContact("Waiting Walter", "walter-" + UUID.randomUUID() + "@example.com", null),
                "Could you tell me when my order will ship?",
                "email",
                null);
        try (var owner = java.sql.DriverManager.getConnection(uk.co.omniops.test.TestInfrastructure.ownerJdbcUrl());
                var statement = owner.createStatement()) {
            var id = calm.conversation().id().value();
            statement.executeUpdate("update messages set created_at = created_at - interval '50 minutes' "
                    + "where conversation_id = '" + id + "'");
            statement.executeUpdate("update conversations set waiting_since = waiting_since - interval '50 minutes' "
                    + "where id = '" + id + "'");
        }
        escalator.onWaiting(customer.id(), calm.conversation().id());

        page.navigate("http://localhost:" + port + "/escalations");
        var visibleCells = page.locator("#escalation-queue vaadin-grid-cell-content")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setVisible(true));
        assertThat(page.locator("#escalation-queue")).isVisible();
        assertThat(visibleCells.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Sla Sally")))
                .hasCount(1);
        assertThat(visibleCells.filter(new com.microsoft.playwright.Locator.FilterOptions()
                        .setHasText(java.util.regex.Pattern.compile("^4[45] min left$"))))
                .hasCount(1);
        assertThat(visibleCells.filter(new com.microsoft.playwright.Locator.FilterOptions()
                        .setHasText(java.util.regex.Pattern.compile("^breached [56] min ago$"))))
                .hasCount(1);
        assertThat(visibleCells.filter(new com.microsoft.playwright.Locator.FilterOptions()
                        .setHasText(java.util.regex.Pattern.compile("^SLA$"))))
                .hasCount(1);
        // most severe first: the furious contact's row comes before the older, low one
        org.assertj.core.api.Assertions.assertThat(
                        escalations.desk(customer.id(), java.util.Set.of(), java.util.Set.of(), true))
                .extracting(EscalationDeskRow::contactName)
                .containsSubsequence("Sla Sally", "Waiting Walter");
        page.locator("#escalation-queue vaadin-grid-cell-content")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Waiting Walter"))
                .first()
                .click();
        assertThat(page.locator("#escalation-details")).containsText("First-response SLA (45 min): breached");
        Browser.screenshot(page, "escalation-desk-sla");
    }

    @Test
    void rulesPageListsTheDefaultRulesAndRunsADryRun() {
        Browser.signIn(page, "http://localhost:" + port, "supervisor@" + SLUG, "demo", "/escalations/rules");
        assertThat(page.locator("#rules")).containsText("Negative sentiment");
        assertThat(page.locator("#rules")).containsText("Escalation language");
        Browser.screenshot(page, "escalation-rules");
        page.locator("#new-rule").click();
        page.locator("#save-rule").click();
        assertThat(page.locator("#rule-name")).hasAttribute("invalid", "");
        page.locator("#rule-name input").fill("Refund anger");
        page.getByLabel("Condition type").first().click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Says any of"))
                .click();
        page.getByLabel("Condition value").first().fill("worst service, speak to a manager");
        page.locator("#dry-run").click();
        assertThat(page.locator("#dry-run-summary")).containsText("Would have escalated");
        Browser.screenshot(page, "escalation-rule-editor");
        page.locator("#save-rule").click();
        assertThat(page.locator("#rules")).containsText("Refund anger");

        // the new condition kinds are editable as rows
        page.locator("#new-rule").click();
        page.locator("#rule-name input").fill("Threats");
        page.getByLabel("Condition type").first().click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Customer intent is any of"))
                .click();
        page.getByLabel("Condition value").first().fill("manager, telepathy");
        page.locator("#save-rule").click();
        assertThat(page.getByLabel("Condition value").first()).hasAttribute("invalid", "");
        page.getByLabel("Condition value").first().fill("manager, chargeback");
        page.locator("#save-rule").click();
        assertThat(page.locator("#rules")).containsText("Threats");
        assertThat(page.locator("#rules")).containsText("customer threatened a chargeback or asked for a manager");
        Browser.screenshot(page, "escalation-rules-intent");
    }
}

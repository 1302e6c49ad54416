package uk.co.omniops.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.Comparator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * The inbox with 10,000 open conversations for one customer: the first page is correct, and how long it took is
 * printed for the record (no timing assertion: the machine is shared).
 */
@OmniOpsIntegrationTest
@Tag("load")
class InboxLoadTests {

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    @Test
    void firstInboxPageOfTenThousandConversations() throws Exception {
        var customer = tenancy.ensureCustomer("inbox-load", "Inbox Load", "enterprise", "eu");
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var s = owner.createStatement()) {
            var id = customer.id().value();
            s.execute("delete from conversations where customer_id = '" + id + "'");
            s.execute("""
                    insert into contacts (id, customer_id, name) values ('%1$s', '%2$s', 'Load contact')
                    on conflict do nothing""".formatted(new java.util.UUID(id.getMostSignificantBits(), 1), id));
            s.execute("""
                    insert into conversations (id, customer_id, contact_id, subject, status, priority, message_count,
                                               created_at, updated_at, last_customer_message_at, waiting_since)
                    select gen_random_uuid(), '%2$s', '%1$s', 'Load ' || g,
                           case when g %% 10 = 0 then 'resolved' when g %% 7 = 0 then 'pending' else 'open' end,
                           (array['low', 'normal', 'high', 'urgent'])[1 + g %% 4], 1,
                           now() - g * interval '1 minute', now() - g * interval '1 minute',
                           now() - g * interval '1 minute',
                           case when g %% 10 = 0 or g %% 3 = 0 then null else now() - g * interval '1 minute' end
                      from generate_series(1, 10000) g""".formatted(new java.util.UUID(id.getMostSignificantBits(), 1), id));
            s.execute("""
                    insert into messages (id, customer_id, conversation_id, author_type, text, created_at)
                    select gen_random_uuid(), customer_id, id, 'contact', 'Message of ' || subject, created_at
                      from conversations where customer_id = '%s'""".formatted(id));
            s.execute("analyze conversations; analyze messages");
        }

        try {
            measureTheFirstPages(customer.id());
        } finally {
            // 10,000 conversations left behind would weigh on every later test that scans all customers (a backfill
            // of the last day's unanalysed messages queued 1,438 of them: 42 s in AnalysisPipelineIntegrationTests)
            try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                    var s = owner.createStatement()) {
                s.execute("delete from conversations where customer_id = '"
                        + customer.id().value() + "'");
            }
        }
    }

    private void measureTheFirstPages(CustomerId customer) {
        var query = InboxQuery.allOpen(null);
        var t0 = System.nanoTime();
        var cold = conversations.inbox(customer, query, 0, 50);
        var coldMs = (System.nanoTime() - t0) / 1e6;
        var t1 = System.nanoTime();
        var page = conversations.inbox(customer, query, 0, 50);
        var warmMs = (System.nanoTime() - t1) / 1e6;
        var t2 = System.nanoTime();
        var count = conversations.count(customer, query);
        var countMs = (System.nanoTime() - t2) / 1e6;
        var t3 = System.nanoTime();
        var deep = conversations.inbox(customer, query, 8_000, 50);
        var deepMs = (System.nanoTime() - t3) / 1e6;

        assertThat(count).isEqualTo(9_000);
        assertThat(page).hasSize(50);
        assertThat(cold)
                .extracting(ConversationSummary::id)
                .isEqualTo(page.stream().map(ConversationSummary::id).toList());
        assertThat(page).allSatisfy(c -> assertThat(c.waitingSince()).isNotNull());
        assertThat(page).extracting(ConversationSummary::waitingSince).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(page.getFirst().subject()).isEqualTo("Load 9998");
        assertThat(page.getFirst().lastMessagePreview()).isEqualTo("Message of Load 9998");
        assertThat(deep).hasSize(50);
        System.out.printf(
                "Inbox at 10,000 conversations (%d open or pending): first page of 50 %.1f ms cold, "
                        + "%.1f ms warm; count %.1f ms; page at offset 8,000 %.1f ms%n",
                count, coldMs, warmMs, countMs, deepMs);
    }
}

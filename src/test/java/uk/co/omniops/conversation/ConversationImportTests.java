package uk.co.omniops.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.conversation.ConversationImport.ContactRow;
import uk.co.omniops.conversation.ConversationImport.ConversationRow;
import uk.co.omniops.conversation.ConversationImport.MessageRow;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * The conversation module's bulk import (the history's seeding hook, issue 22): rows go in as given, missing values as
 * null, once (an existing id is skipped), and only for the customer in scope.
 */
@OmniOpsIntegrationTest
class ConversationImportTests {

    @Autowired
    ConversationImport imports;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    static final Instant T0 = Instant.parse("2026-11-02T09:15:30.123456Z");

    /** A contact, a resolved conversation and its two messages, all new. */
    static Fixture fixture(ConversationImport imports, CustomerId customer) {
        var contact = new ContactRow(ContactId.random(), "Ann Baker 7", null, T0);
        var conversation = new ConversationRow(
                ConversationId.random(),
                contact.id(),
                "Where is my order?",
                ConversationStatus.RESOLVED,
                "chat",
                2,
                T0,
                T0.plusSeconds(1200),
                null,
                T0,
                T0.plusSeconds(90),
                T0.plusSeconds(1200));
        var opening = new MessageRow(
                new MessageId(UUID.randomUUID()), conversation.id(), AuthorType.CONTACT, "Where is my order?", T0);
        var reply = new MessageRow(
                new MessageId(UUID.randomUUID()),
                conversation.id(),
                AuthorType.AGENT,
                "Let me check that for you.",
                T0.plusSeconds(90));
        return new Fixture(contact, conversation, List.of(opening, reply));
    }

    record Fixture(ContactRow contact, ConversationRow conversation, List<MessageRow> messages) {

        int[] importInto(ConversationImport imports, CustomerId customer) {
            return new int[] {
                imports.importContacts(customer, List.of(contact)),
                imports.importConversations(customer, List.of(conversation)),
                imports.importMessages(customer, messages)
            };
        }
    }

    @Test
    void rowsGoInAsGivenOnceAndOnlyForTheCustomer() {
        var customer = tenancy.ensureCustomer("import-a", "Import A", "enterprise", "eu")
                .id();
        var other = tenancy.ensureCustomer("import-b", "Import B", "enterprise", "eu")
                .id();
        var f = fixture(imports, customer);

        assertThat(f.importInto(imports, customer)).containsExactly(1, 1, 2);
        assertThat(f.importInto(imports, customer)).as("the same rows again").containsExactly(0, 0, 0);

        Map<String, Object> row = transactions.readInTenant(
                customer,
                () -> jdbc.sql("""
                        select c.subject, c.status, c.channel, c.message_count, c.created_at, c.updated_at,
                               c.first_response_at, c.last_customer_message_at, c.last_agent_message_at, c.resolved_at,
                               c.assignee_id, ct.name, ct.email, ct.created_at contact_created_at
                          from conversations c join contacts ct on ct.id = c.contact_id
                         where c.id = ?""").param(f.conversation().id().value()).query().singleRow());
        assertThat(row)
                .containsEntry("subject", "Where is my order?")
                .containsEntry("status", "resolved")
                .containsEntry("channel", "chat")
                .containsEntry("message_count", 2)
                .containsEntry("first_response_at", null)
                .containsEntry("assignee_id", null)
                .containsEntry("name", "Ann Baker 7")
                .containsEntry("email", null);
        assertThat(instant(row.get("created_at"))).isEqualTo(T0);
        assertThat(instant(row.get("contact_created_at"))).isEqualTo(T0);
        assertThat(instant(row.get("updated_at"))).isEqualTo(T0.plusSeconds(1200));
        assertThat(instant(row.get("last_customer_message_at"))).isEqualTo(T0);
        assertThat(instant(row.get("last_agent_message_at"))).isEqualTo(T0.plusSeconds(90));
        assertThat(instant(row.get("resolved_at"))).isEqualTo(T0.plusSeconds(1200));

        var messages = transactions.readInTenant(
                customer,
                () -> jdbc.sql("""
                        select author_type || ': ' || text || ' @' || to_char(created_at at time zone 'UTC',
                               'HH24:MI:SS.US') from messages where conversation_id = ? order by created_at""")
                        .param(f.conversation().id().value())
                        .query(String.class)
                        .list());
        assertThat(messages)
                .containsExactly(
                        "contact: Where is my order? @09:15:30.123456",
                        "agent: Let me check that for you. @09:17:00.123456");

        long seenByOther = transactions.readInTenant(
                other,
                () -> jdbc.sql("select count(*) from conversations where id = ?")
                        .param(f.conversation().id().value())
                        .query(Long.class)
                        .single());
        assertThat(seenByOther).as("another customer sees none of it").isZero();
    }

    private static Instant instant(Object value) {
        return ((java.sql.Timestamp) value).toInstant();
    }
}

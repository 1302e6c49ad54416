package uk.co.omniops.analysis.internal;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Agents' corrections in {@code analysis_corrections}: who changed which message's analysis, when, from what to what
 * (JSON before and after). Append-only; callers run inside a tenant transaction.
 */
@Repository
class CorrectionLog {

    private final JdbcClient jdbc;

    CorrectionLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(
            CustomerId customer,
            ConversationId conversation,
            MessageId message,
            String kind,
            String beforeJson,
            String afterJson,
            UUID byUser) {
        jdbc.sql("""
                insert into analysis_corrections (id, customer_id, message_id, conversation_id, kind, before, after, by_user)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""")
                .params(
                        UUID.randomUUID(),
                        customer.value(),
                        message.value(),
                        conversation.value(),
                        kind,
                        beforeJson,
                        afterJson,
                        byUser)
                .update();
    }
}

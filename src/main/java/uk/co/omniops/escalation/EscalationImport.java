package uk.co.omniops.escalation;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.platform.SqlColumns;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The escalation module's bulk import of past escalations (of conversations that never went through the rules live):
 * the seeding hook the demo and benchmark history (insight's {@code SyntheticHistory}) writes through, so no other
 * module writes {@code escalation_events} (issue 22, {@code TableOwnershipTests}). One set-based statement per call
 * ({@code insert … select from unnest}) in the customer's tenant transaction (joined when the caller has one open); an
 * existing id is skipped, so importing twice inserts nothing new. No event, notification or history line: the rows
 * are the record of what happened. The verdicts themselves are the caller's to compute, with {@link
 * DefaultRulesVerdict} for what the default rules make of a message.
 */
@Service
public class EscalationImport {

    /** One escalation as stored: its rule (or none), reason, severity, status and times. */
    public record EscalationRow(
            EscalationId id,
            ConversationId conversation,
            @Nullable MessageId message,
            @Nullable String rule,
            String reason,
            Severity severity,
            EscalationStatus status,
            Instant openedAt,
            @Nullable Instant resolvedAt) {}

    private final JdbcClient jdbc;
    private final TenantTransactions transactions;

    EscalationImport(JdbcClient jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** @return escalations inserted; each was created and last matched when it was opened */
    public int importEscalations(CustomerId customer, List<EscalationRow> rows) {
        return transactions.inTenant(
                customer,
                () -> jdbc.sql("""
                        insert into escalation_events (id, customer_id, conversation_id, message_id, reason, rule_name,
                               severity, status, opened_at, resolved_at, created_at, last_matched_at)
                        select id, :c, conversation_id, message_id, reason, rule_name, severity, status, opened_at,
                               resolved_at, opened_at, opened_at
                          from unnest(:ids::uuid[], :conversations::uuid[], :messages::uuid[], :reasons::text[],
                                      :rules::text[], :severities::text[], :statuses::text[], :opened::timestamptz[],
                                      :resolved::timestamptz[])
                               as r (id, conversation_id, message_id, reason, rule_name, severity, status, opened_at,
                                     resolved_at)
                        on conflict do nothing""")
                        .param("c", customer.value())
                        .param("ids", SqlColumns.text(rows, r -> r.id().value()))
                        .param(
                                "conversations",
                                SqlColumns.text(rows, r -> r.conversation().value()))
                        .param(
                                "messages",
                                SqlColumns.text(
                                        rows,
                                        r -> r.message() == null
                                                ? null
                                                : r.message().value()))
                        .param("reasons", SqlColumns.text(rows, EscalationRow::reason))
                        .param("rules", SqlColumns.text(rows, EscalationRow::rule))
                        .param(
                                "severities",
                                SqlColumns.text(rows, r -> r.severity().dbValue()))
                        .param("statuses", SqlColumns.text(rows, r -> r.status().dbValue()))
                        .param("opened", SqlColumns.text(rows, EscalationRow::openedAt))
                        .param("resolved", SqlColumns.text(rows, EscalationRow::resolvedAt))
                        .update());
    }
}

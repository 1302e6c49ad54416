package uk.co.omniops.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.conversation.ConversationImport;
import uk.co.omniops.escalation.EscalationImport.EscalationRow;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.ImportedConversation;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * The escalation module's bulk import (the history's seeding hook, issue 22): as given, once, created and last matched
 * when opened, and no history line or notification.
 */
@OmniOpsIntegrationTest
class EscalationImportTests {

    @Autowired
    EscalationImport imports;

    @Autowired
    ConversationImport conversations;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void escalationsGoInAsGivenOnce() {
        var customer = tenancy.ensureCustomer("escalation-import", "Escalation Import", "enterprise", "eu")
                .id();
        var at = Instant.parse("2026-11-02T09:15:30Z");
        var c = ImportedConversation.of(conversations, customer, at);
        var id = EscalationId.random();
        var rows = List.of(new EscalationRow(
                id,
                c.conversation(),
                c.message(),
                "Angry customer",
                "Contact sounded angry",
                Severity.MEDIUM,
                EscalationStatus.RESOLVED,
                at.plusSeconds(120),
                at.plusSeconds(900)));

        assertThat(imports.importEscalations(customer, rows)).isOne();
        assertThat(imports.importEscalations(customer, rows)).as("again").isZero();

        var stored = transactions.readInTenant(
                customer,
                () -> jdbc.sql("""
                        select rule_name || ' | ' || reason || ' | ' || severity || ' | ' || status || ' | '
                               || (created_at = opened_at and last_matched_at = opened_at)::text || ' | '
                               || extract(epoch from resolved_at - opened_at)::int || ' | '
                               || (select count(*) from escalation_history h where h.event_id = e.id)
                               || ' | ' || (select count(*) from escalation_notifications n where n.event_id = e.id)
                          from escalation_events e where id = ?""").param(id.value()).query(String.class).single());
        assertThat(stored).isEqualTo("Angry customer | Contact sounded angry | medium | resolved | true | 780 | 0 | 0");
    }
}

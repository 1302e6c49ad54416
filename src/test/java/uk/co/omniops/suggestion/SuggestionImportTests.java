package uk.co.omniops.suggestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.conversation.ConversationImport;
import uk.co.omniops.suggestion.SuggestionImport.SuggestionRow;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.ImportedConversation;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/**
 * The suggestion module's bulk import (the history's seeding hook, issue 22): as given, once, and the ranking's
 * learned figures untouched.
 */
@OmniOpsIntegrationTest
class SuggestionImportTests {

    @Autowired
    SuggestionImport imports;

    @Autowired
    ConversationImport conversations;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void suggestionsGoInAsGivenOnce() {
        var customer = tenancy.ensureCustomer("suggestion-import", "Suggestion Import", "enterprise", "eu")
                .id();
        var at = Instant.parse("2026-11-02T09:15:30Z");
        var c = ImportedConversation.of(conversations, customer, at);
        var id = UUID.randomUUID();
        var rows = List.of(new SuggestionRow(
                id,
                c.conversation(),
                c.message(),
                Suggestion.LIBRARY,
                "Thanks for getting in touch, let me check that for you.",
                "accepted",
                at.plusSeconds(2),
                at.plusSeconds(60)));

        assertThat(imports.importSuggestions(customer, rows)).isOne();
        assertThat(imports.importSuggestions(customer, rows)).as("again").isZero();

        var stored = transactions.readInTenant(
                customer, () -> jdbc.sql("""
                        select source || ' | ' || status || ' | ' || text || ' | '
                               || extract(epoch from decided_at - created_at)::int || ' | '
                               || (select count(*) from suggestion_source_stats)
                          from response_suggestions where id = ?""").param(id).query(String.class).single());
        assertThat(stored)
                .isEqualTo("library | accepted | Thanks for getting in touch, let me check that for you. | 58 | 0");
    }
}

package uk.co.omniops.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.analysis.AnalysisImport.CategoryRow;
import uk.co.omniops.analysis.AnalysisImport.SentimentRow;
import uk.co.omniops.conversation.ConversationImport;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.ImportedConversation;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/** The analysis module's bulk import (the history's seeding hook, issue 22): as given, once. */
@OmniOpsIntegrationTest
class AnalysisImportTests {

    @Autowired
    AnalysisImport imports;

    @Autowired
    ConversationImport conversations;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void sentimentAndCategoriesGoInAsGivenOnce() {
        var customer = tenancy.ensureCustomer("analysis-import", "Analysis Import", "enterprise", "eu")
                .id();
        var at = Instant.parse("2026-11-02T09:15:30Z");
        var c = ImportedConversation.of(conversations, customer, at);
        var sentiment = List.of(new SentimentRow(
                UUID.randomUUID(), c.message(), c.conversation(), 0.41, "negative", 0.9, "history", at.plusSeconds(1)));
        var categories = List.of(new CategoryRow(UUID.randomUUID(), c.conversation(), c.message(), "billing", 0.8, at));

        assertThat(imports.importSentiment(customer, sentiment)).isOne();
        assertThat(imports.importCategories(customer, categories)).isOne();
        assertThat(imports.importSentiment(customer, sentiment)).as("again").isZero();
        assertThat(imports.importCategories(customer, categories)).as("again").isZero();

        var stored = transactions.readInTenant(
                customer,
                () -> jdbc.sql("""
                        select s.score::text || ' ' || s.label || ' ' || s.confidence::text || ' ' || s.model || ' '
                               || k.category_key || ' ' || k.confidence::text || ' ' || k.source
                          from sentiment_analysis s join conversation_categories k on k.message_id = s.message_id
                         where s.message_id = ?""")
                        .param(c.message().value())
                        .query(String.class)
                        .single());
        assertThat(stored).isEqualTo("0.4100 negative 0.9000 history billing 0.8000 model");
    }
}

package uk.co.omniops.analysis;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.PublishedViews;

/**
 * The read models the analysis module publishes (V29) for the insight module, which reads them instead of the tables:
 * their columns are a contract, and row-level security applies to the reader.
 */
@OmniOpsIntegrationTest
class AnalysisFactsTests {

    @Autowired
    DataSource applicationDataSource;

    @BeforeAll
    static void loadFixture(@Autowired DataSource ignored) throws Exception {
        // the context (and so the migrations) is up before the fixture goes in
        PublishedViews.loadFixture();
    }

    @Test
    void sentimentFactsPublishACustomersOwnScores() throws Exception {
        PublishedViews.assertContract(
                applicationDataSource,
                "sentiment_facts",
                "sentiment_analysis",
                "message_id,customer_id,conversation_id,score,label,created_at",
                "analysis");
    }

    @Test
    void categoryFactsPublishACustomersOwnCategories() throws Exception {
        PublishedViews.assertContract(
                applicationDataSource,
                "category_facts",
                "conversation_categories",
                "conversation_id,message_id,customer_id,category_key,confidence,created_at",
                "analysis");
    }

    @Test
    void correctionFactsPublishWhenAndWhatWasCorrectedNotHow() throws Exception {
        PublishedViews.assertContract(
                applicationDataSource,
                "correction_facts",
                "analysis_corrections",
                "message_id,customer_id,conversation_id,created_at",
                "analysis");
    }
}

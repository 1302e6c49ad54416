package uk.co.omniops.suggestion;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.PublishedViews;

/**
 * The read model the suggestion module publishes (V29) for the insight module, which reads it instead of
 * {@code response_suggestions}: its columns are a contract, and row-level security applies to the reader.
 */
@OmniOpsIntegrationTest
class SuggestionFactsTests {

    @Autowired
    DataSource applicationDataSource;

    @BeforeAll
    static void loadFixture(@Autowired DataSource ignored) throws Exception {
        // the context (and so the migrations) is up before the fixture goes in
        PublishedViews.loadFixture();
    }

    @Test
    void suggestionFactsPublishACustomersOwnOutcomesNotTheText() throws Exception {
        PublishedViews.assertContract(
                applicationDataSource,
                "suggestion_facts",
                "response_suggestions",
                "customer_id,status,created_at,decided_at",
                "suggestion");
    }
}

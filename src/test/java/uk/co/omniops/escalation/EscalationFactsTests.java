package uk.co.omniops.escalation;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.PublishedViews;

/**
 * The read model the escalation module publishes (V29) for the insight module, which reads it instead of
 * {@code escalation_events}: its columns are a contract, and row-level security applies to the reader.
 */
@OmniOpsIntegrationTest
class EscalationFactsTests {

    @Autowired
    DataSource applicationDataSource;

    @BeforeAll
    static void loadFixture(@Autowired DataSource ignored) throws Exception {
        // the context (and so the migrations) is up before the fixture goes in
        PublishedViews.loadFixture();
    }

    @Test
    void escalationFactsPublishACustomersOwnEscalationsCauseAndTime() throws Exception {
        PublishedViews.assertContract(
                applicationDataSource,
                "escalation_facts",
                "escalation_events",
                "conversation_id,customer_id,rule_name,reason,opened_at,created_at",
                "escalation");
    }
}

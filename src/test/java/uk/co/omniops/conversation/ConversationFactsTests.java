package uk.co.omniops.conversation;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.PublishedViews;

/**
 * The read models the conversation module publishes (V29) for the insight module, which reads them instead of the
 * tables: their columns are a contract, and row-level security applies to the reader.
 */
@OmniOpsIntegrationTest
class ConversationFactsTests {

    @Autowired
    DataSource applicationDataSource;

    @BeforeAll
    static void loadFixture(@Autowired DataSource ignored) throws Exception {
        // the context (and so the migrations) is up before the fixture goes in
        PublishedViews.loadFixture();
    }

    @Test
    void conversationFactsPublishStatusAndTimingsOfACustomersOwnConversations() throws Exception {
        PublishedViews.assertContract(
                applicationDataSource,
                "conversation_facts",
                "conversations",
                "id,customer_id,contact_id,subject,status,priority,created_at,updated_at,first_response_at,resolved_at",
                "conversation");
    }

    @Test
    void contactFactsPublishNameAndVipButNoAddress() throws Exception {
        PublishedViews.assertContract(
                applicationDataSource, "contact_facts", "contacts", "id,customer_id,name,vip", "conversation");
    }

    @Test
    void messageFactsPublishACustomersOwnMessages() throws Exception {
        PublishedViews.assertContract(
                applicationDataSource,
                "message_facts",
                "messages",
                "id,customer_id,conversation_id,author_type,internal,text,created_at",
                "conversation");
    }
}

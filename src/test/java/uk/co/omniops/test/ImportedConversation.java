package uk.co.omniops.test;

import java.time.Instant;
import java.util.List;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ContactId;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationImport;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;

/** A resolved conversation with one contact message, imported for the other modules' import tests to hang rows on. */
public record ImportedConversation(ConversationId conversation, MessageId message) {

    public static ImportedConversation of(ConversationImport imports, CustomerId customer, Instant at) {
        var contact = ContactId.random();
        var conversation = ConversationId.random();
        var message = MessageId.random();
        imports.importContacts(customer, List.of(new ConversationImport.ContactRow(contact, "Ann Baker", null, at)));
        imports.importConversations(
                customer,
                List.of(new ConversationImport.ConversationRow(
                        conversation,
                        contact,
                        "Charged twice",
                        ConversationStatus.RESOLVED,
                        "chat",
                        1,
                        at,
                        at.plusSeconds(600),
                        null,
                        at,
                        null,
                        at.plusSeconds(600))));
        imports.importMessages(
                customer,
                List.of(new ConversationImport.MessageRow(
                        message, conversation, AuthorType.CONTACT, "I was charged twice this month.", at)));
        return new ImportedConversation(conversation, message);
    }
}

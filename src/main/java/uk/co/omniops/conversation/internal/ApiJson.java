package uk.co.omniops.conversation.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.Contact;
import uk.co.omniops.conversation.Conversation;
import uk.co.omniops.conversation.ConversationDetails;
import uk.co.omniops.conversation.ConversationPage;
import uk.co.omniops.conversation.Message;

/**
 * The ingestion API's JSON, kept apart from the domain records so that the public shape changes only on
 * purpose. The POST responses carry {@code analysis} (null: a new message is not analysed yet), {@code escalation}
 * (null) and {@code suggestions} (empty) so that their shape equals {@code GET /{id}}, which the workspace module
 * serves with those filled in.
 */
final class ApiJson {

    private ApiJson() {}

    // requests

    record StartRequest(
            @Nullable ContactRequest contact,
            @Nullable String text,
            @Nullable String channel) {}

    record ContactRequest(
            @Nullable String name,
            @Nullable String email,
            @Nullable String phone) {}

    record MessageRequest(@Nullable String text) {}

    // responses

    record ContactJson(
            UUID id,
            String name,
            @Nullable String email,
            @Nullable String phone) {

        static ContactJson of(Contact c) {
            return new ContactJson(c.id().value(), c.name(), c.email(), c.phone());
        }
    }

    record AssigneeJson(UUID id, @Nullable String name) {}

    record MessageJson(
            UUID id,
            UUID conversationId,
            String author,
            @Nullable String authorName,
            String text,
            Instant createdAt,
            @Nullable Object analysis) {

        static MessageJson of(Message m) {
            return new MessageJson(
                    m.id().value(),
                    m.conversationId().value(),
                    m.authorType().dbValue(),
                    m.authorName(),
                    m.text(),
                    m.createdAt(),
                    null);
        }
    }

    record ConversationJson(
            UUID id,
            String subject,
            String status,
            String priority,
            String channel,
            UUID contactId,
            @Nullable AssigneeJson assignee,
            int messageCount,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant firstResponseAt,
            @Nullable Instant lastCustomerMessageAt,
            @Nullable Instant lastAgentMessageAt,
            @Nullable Instant resolvedAt) {

        static ConversationJson of(Conversation c) {
            return new ConversationJson(
                    c.id().value(),
                    c.subject(),
                    c.status().dbValue(),
                    c.priority().dbValue(),
                    c.channel(),
                    c.contactId().value(),
                    c.assigneeId() == null ? null : new AssigneeJson(c.assigneeId(), c.assigneeName()),
                    c.messageCount(),
                    c.createdAt(),
                    c.updatedAt(),
                    c.firstResponseAt(),
                    c.lastCustomerMessageAt(),
                    c.lastAgentMessageAt(),
                    c.resolvedAt());
        }
    }

    /** A conversation with its contact and its messages, oldest first; internal notes are never included. */
    record ConversationDetailsJson(
            UUID id,
            String subject,
            String status,
            String priority,
            String channel,
            @Nullable AssigneeJson assignee,
            int messageCount,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant firstResponseAt,
            @Nullable Instant lastCustomerMessageAt,
            @Nullable Instant lastAgentMessageAt,
            @Nullable Instant resolvedAt,
            ContactJson contact,
            List<MessageJson> messages,
            @Nullable Object escalation,
            List<Object> suggestions) {

        static ConversationDetailsJson of(ConversationDetails d) {
            var c = ConversationJson.of(d.conversation());
            return new ConversationDetailsJson(
                    c.id(),
                    c.subject(),
                    c.status(),
                    c.priority(),
                    c.channel(),
                    c.assignee(),
                    c.messageCount(),
                    c.createdAt(),
                    c.updatedAt(),
                    c.firstResponseAt(),
                    c.lastCustomerMessageAt(),
                    c.lastAgentMessageAt(),
                    c.resolvedAt(),
                    ContactJson.of(d.contact()),
                    d.messages().stream()
                            .filter(m -> !m.internal())
                            .map(MessageJson::of)
                            .toList(),
                    null,
                    List.of());
        }
    }

    record PageInfo(int number, int size, long totalItems, int totalPages) {}

    record ConversationListJson(List<ConversationJson> items, PageInfo page) {

        static ConversationListJson of(ConversationPage p) {
            return new ConversationListJson(
                    p.items().stream().map(ConversationJson::of).toList(),
                    new PageInfo(p.page(), p.size(), p.totalItems(), p.totalPages()));
        }
    }
}

package uk.co.omniops.conversation.internal;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationNotFound;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.MessageRejected;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.conversation.internal.ApiJson.ConversationDetailsJson;
import uk.co.omniops.conversation.internal.ApiJson.ConversationListJson;
import uk.co.omniops.conversation.internal.ApiJson.MessageJson;
import uk.co.omniops.conversation.internal.ApiJson.MessageRequest;
import uk.co.omniops.conversation.internal.ApiJson.StartRequest;
import uk.co.omniops.tenancy.ApiClient;

/**
 * The ingestion API for customers' systems (API key: {@link ApiKeyAuthentication}). Errors are RFC 9457
 * problem documents ({@link ConversationApiErrors}). Both POSTs honour {@code Idempotency-Key}: a retry gets
 * the originally stored resource. {@code GET /{id}} (the conversation with analysis, escalation and suggestions)
 * is served by the workspace module, which may depend on those modules.
 */
@RestController
@RequestMapping("/api/v1/conversations")
class ConversationApi {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ConversationManagement conversations;

    ConversationApi(ConversationManagement conversations) {
        this.conversations = conversations;
    }

    @PostMapping
    ResponseEntity<ConversationDetailsJson> start(
            @AuthenticationPrincipal ApiClient client,
            @RequestBody StartRequest body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key) {
        var contact = body.contact();
        if (contact == null) {
            throw new MessageRejected(
                    "contact is required, e.g. {\"contact\": {\"name\": \"Ann\", \"email\": \"ann@example.com\"}}");
        }
        var details = conversations.start(
                client.customer(),
                new NewContact(contact.name() == null ? "" : contact.name(), contact.email(), contact.phone()),
                body.text() == null ? "" : body.text(),
                body.channel() == null ? "api" : body.channel(),
                key);
        return ResponseEntity.created(URI.create(
                        "/api/v1/conversations/" + details.conversation().id()))
                .body(ConversationDetailsJson.of(details));
    }

    @PostMapping("/{id}/messages")
    ResponseEntity<MessageJson> receive(
            @AuthenticationPrincipal ApiClient client,
            @PathVariable String id,
            @RequestBody MessageRequest body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key) {
        var conversation = conversationId(id);
        if (body.text() == null) {
            throw new MessageRejected("text is required");
        }
        var message = conversations.receive(client.customer(), conversation, body.text(), key);
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + conversation + "/messages/" + message.id()))
                .body(MessageJson.of(message));
    }

    @GetMapping
    ConversationListJson list(
            @AuthenticationPrincipal ApiClient client,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw new MessageRejected("page must be 0 or more");
        }
        if (size < 1 || size > 100) {
            throw new MessageRejected("size must be between 1 and 100");
        }
        return ConversationListJson.of(conversations.list(client.customer(), status(status), since(since), page, size));
    }

    private static ConversationId conversationId(String id) {
        try {
            return ConversationId.of(id);
        } catch (IllegalArgumentException e) {
            // not an id at all: as unknown as any other (the problem document never echoes the id)
            throw new ConversationNotFound(new ConversationId(new java.util.UUID(0, 0)));
        }
    }

    private static @Nullable ConversationStatus status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ConversationStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MessageRejected("status must be open, pending or resolved");
        }
    }

    private static @Nullable Instant since(@Nullable String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(since.strip());
        } catch (DateTimeParseException e) {
            throw new MessageRejected("since must be an ISO-8601 instant, e.g. 2026-01-31T09:00:00Z");
        }
    }
}

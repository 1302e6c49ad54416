package uk.co.omniops.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.conversation.MessageReceived;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.test.OmniOpsIntegrationTest;

/** Modulith stores and republishes events through this application's serializer, which round-trips them. */
@OmniOpsIntegrationTest
class EventSerializationTests {

    @Autowired
    EventSerializer serializer;

    @Test
    void theRegistryUsesTheCachedMapperSerializerAndEventsRoundTrip() {
        assertThat(serializer).isInstanceOf(EventSerialization.CachedMapperSerializer.class);
        var event = new MessageReceived(
                new MessageId(UUID.randomUUID()),
                new ConversationId(UUID.randomUUID()),
                new CustomerId(UUID.randomUUID()),
                AuthorType.CONTACT,
                Instant.parse("2026-12-02T05:30:00.123456Z"));
        var json = serializer.serialize(event);
        assertThat(json)
                .isInstanceOf(String.class)
                .asString()
                .contains(event.messageId().value().toString());
        assertThat(serializer.deserialize(json, MessageReceived.class)).isEqualTo(event);
    }
}

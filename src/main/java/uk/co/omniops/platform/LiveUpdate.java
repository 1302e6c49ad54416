package uk.co.omniops.platform;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A change a browser showing a customer's data should reflect now: small, no customer text (views re-read
 * what they show through their services, under the viewer's tenant).
 *
 * @param customerId whose data changed; listeners only ever receive their own customer's updates
 * @param kind what happened, e.g. {@code message.received}, {@code conversation.assigned}, {@code message.analysed}
 * @param subjectId the conversation (or other aggregate) concerned, if any
 */
public record LiveUpdate(UUID customerId, String kind, @Nullable UUID subjectId, Instant at) {

    public static LiveUpdate of(UUID customerId, String kind, @Nullable UUID subjectId) {
        return new LiveUpdate(customerId, kind, subjectId, Instant.now());
    }
}

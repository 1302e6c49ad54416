package uk.co.omniops.platform;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A change a browser showing a customer's data should reflect now: small, no customer text (views re-read
 * what they show through their services, under the viewer's tenant). Updates about one subject published in one
 * transaction are coalesced into one, sent after commit, carrying every kind that happened
 * (docs/decisions/013-live-updates-in-the-browser.md).
 *
 * @param customerId whose data changed; listeners only ever receive their own customer's updates
 * @param kinds what happened, at least one
 * @param subjectId the conversation (or other aggregate) concerned, if any
 * @param at when the first of the coalesced changes was published
 */
public record LiveUpdate(
        UUID customerId, Set<Kind> kinds, @Nullable UUID subjectId, Instant at) {

    public LiveUpdate {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a live update needs a kind");
        }
        kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    public static LiveUpdate of(UUID customerId, Kind kind, @Nullable UUID subjectId) {
        return new LiveUpdate(customerId, EnumSet.of(kind), subjectId, Instant.now());
    }

    public boolean is(Kind kind) {
        return kinds.contains(kind);
    }

    /** Whether any of the kinds belongs to the area (e.g. every escalation change). */
    public boolean isAbout(Area area) {
        return kinds.stream().anyMatch(k -> k.area() == area);
    }

    /** This update and another about the same customer and subject as one: both kinds, the earlier time. */
    public LiveUpdate merge(LiveUpdate other) {
        var all = EnumSet.copyOf(kinds);
        all.addAll(other.kinds);
        return new LiveUpdate(customerId, all, subjectId, at.isBefore(other.at) ? at : other.at);
    }

    /** Which part of the product a kind is about. */
    public enum Area {
        CONVERSATION,
        ANALYSIS,
        PREDICTION,
        SUGGESTION,
        ESCALATION,
        ESCALATION_RULES,
        ROLLOUT
    }

    /** Every kind of live update; {@link #wire()} is its name between replicas (Redis pub/sub) and in logs. */
    public enum Kind {
        CONVERSATION_STARTED("conversation.started", Area.CONVERSATION),
        MESSAGE_RECEIVED("message.received", Area.CONVERSATION),
        MESSAGE_SENT("message.sent", Area.CONVERSATION),
        NOTE_ADDED("note.added", Area.CONVERSATION),
        CONVERSATION_ASSIGNED("conversation.assigned", Area.CONVERSATION),
        CONVERSATION_RESOLVED("conversation.resolved", Area.CONVERSATION),
        CONVERSATION_REOPENED("conversation.reopened", Area.CONVERSATION),
        CONVERSATION_PRIORITY("conversation.priority", Area.CONVERSATION),
        CONVERSATION_SENTIMENT("conversation.sentiment", Area.CONVERSATION),
        MESSAGE_ANALYSED("message.analysed", Area.ANALYSIS),
        MODEL_ADAPTED("model.adapted", Area.ANALYSIS),
        PREDICTION_UPDATED("prediction.updated", Area.PREDICTION),
        SUGGESTIONS_READY("suggestions.ready", Area.SUGGESTION),
        SUGGESTIONS_FEEDBACK("suggestions.feedback", Area.SUGGESTION),
        ESCALATION_OPENED("escalation.opened", Area.ESCALATION),
        ESCALATION_UPDATED("escalation.updated", Area.ESCALATION),
        RULES_CHANGED("rules.changed", Area.ESCALATION_RULES),
        ROLLOUT_CHANGED("rollout.changed", Area.ROLLOUT),
        ROLLOUT_SAFEGUARD("rollout.safeguard", Area.ROLLOUT);

        private static final Map<String, Kind> BY_WIRE =
                Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Kind::wire, Function.identity()));

        private final String wire;
        private final Area area;

        Kind(String wire, Area area) {
            this.wire = wire;
            this.area = area;
        }

        public String wire() {
            return wire;
        }

        public Area area() {
            return area;
        }

        /** Empty for a name this version does not know (another replica of a newer version, during a deploy). */
        public static Optional<Kind> fromWire(String wire) {
            return Optional.ofNullable(BY_WIRE.get(wire));
        }
    }
}

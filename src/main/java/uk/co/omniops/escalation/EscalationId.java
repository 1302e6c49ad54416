package uk.co.omniops.escalation;

import java.util.UUID;

/** Identifies one escalation event. */
public record EscalationId(UUID value) {

    public static EscalationId random() {
        return new EscalationId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

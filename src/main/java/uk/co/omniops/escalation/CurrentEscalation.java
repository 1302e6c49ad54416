package uk.co.omniops.escalation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The open escalation of a conversation, as the public API shows it inside a conversation:
 * {@code "escalation": {"status": "open", "severity": "high", "reason": "…", "rule": "Negative sentiment",
 * "openedAt": "2025-…Z"}} (or {@code null} when none is open). Status and severity are lower-case;
 * field names are camelCase like the rest of {@code /api/v1}.
 */
public record CurrentEscalation(
        String status,
        String severity,
        String reason,
        @Nullable String rule,
        Instant openedAt) {

    static CurrentEscalation of(Escalation e) {
        return new CurrentEscalation(
                e.status().dbValue(), e.severity().dbValue(), e.reason(), e.ruleName(), e.openedAt());
    }
}

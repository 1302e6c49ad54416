package uk.co.omniops.escalation.internal;

import java.time.Instant;
import uk.co.omniops.escalation.Severity;

/** What a notification says: never the conversation's full text, only the (redacted) reason. */
public record Alert(
        String escalationId,
        String customerName,
        String customerSlug,
        String reason,
        String ruleName,
        Severity severity,
        String link,
        Instant openedAt) {}

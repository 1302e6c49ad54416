package uk.co.omniops.insight;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One conversation behind a report figure. */
public record DrillDownRow(
        UUID conversationId,
        String contactName,
        String subject,
        String status,
        @Nullable String category,
        @Nullable Double averageSentiment,
        boolean escalated,
        Instant startedAt,
        String firstCustomerMessage) {}

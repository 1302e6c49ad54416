package uk.co.omniops.suggestion;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A canned response in a customer's reply library. {@code body} may hold variables: {@code {{contact.name}}},
 * {@code {{contact.first_name}}}, {@code {{contact.email}}}, {@code {{order.number}}}, {@code {{date}}},
 * {@code {{agent.name}}}, {@code {{customer.name}}}.
 *
 * @param categories taxonomy keys (billing, refund, delivery, …) the entry answers
 * @param stats what agents did with it so far
 */
public record ReplyEntry(
        UUID id,
        String title,
        String body,
        List<String> categories,
        boolean retired,
        SourceStats stats,
        Instant updatedAt) {}

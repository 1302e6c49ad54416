package uk.co.omniops.suggestion;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An edited suggestion that agents keep sending (at least three similar edits), proposed as a new library entry.
 *
 * @param sourceRef the library entry that was edited, if it came from one
 */
public record ReplyProposal(
        UUID id, @Nullable String sourceRef, String title, String text, int occurrences, Instant updatedAt) {}

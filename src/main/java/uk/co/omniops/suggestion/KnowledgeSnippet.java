package uk.co.omniops.suggestion;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A short help article of a customer, searched by full text and trigram similarity. */
public record KnowledgeSnippet(
        UUID id,
        String title,
        String body,
        List<String> categories,
        boolean retired,
        SourceStats stats,
        Instant updatedAt) {}

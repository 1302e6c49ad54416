package uk.co.omniops.conversation;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What an inbox shows.
 *
 * @param viewer the signed-in agent (for {@link Scope#MINE})
 * @param statuses empty = all
 * @param priorities empty = all
 * @param sentimentLabels the conversation's latest customer sentiment: {@code negative}, {@code neutral} and/or
 *     {@code positive}; empty = all (also conversations without a sentiment)
 */
public record InboxQuery(
        Scope scope,
        @Nullable UUID viewer,
        Set<ConversationStatus> statuses,
        Set<Priority> priorities,
        Sort sort,
        Set<String> sentimentLabels) {

    public enum Scope {
        MINE,
        UNASSIGNED,
        ALL
    }

    /** {@link #MOST_NEGATIVE}: lowest latest sentiment score first, conversations without one last. */
    public enum Sort {
        WAITING_LONGEST,
        PRIORITY,
        NEWEST,
        MOST_NEGATIVE
    }

    /** The sentiment labels a filter may name. */
    public static final Set<String> SENTIMENT_LABELS = Set.of("negative", "neutral", "positive");

    public InboxQuery {
        statuses = Set.copyOf(statuses);
        priorities = Set.copyOf(priorities);
        sentimentLabels = Set.copyOf(sentimentLabels);
        for (var label : sentimentLabels) {
            if (!SENTIMENT_LABELS.contains(label)) {
                throw new IllegalArgumentException("sentiment label must be negative, neutral or positive: " + label);
            }
        }
    }

    /** Without a sentiment filter. */
    public InboxQuery(
            Scope scope, @Nullable UUID viewer, Set<ConversationStatus> statuses, Set<Priority> priorities, Sort sort) {
        this(scope, viewer, statuses, priorities, sort, Set.of());
    }

    public static InboxQuery allOpen(@Nullable UUID viewer) {
        return new InboxQuery(
                Scope.ALL,
                viewer,
                Set.of(ConversationStatus.OPEN, ConversationStatus.PENDING),
                Set.of(),
                Sort.WAITING_LONGEST);
    }
}

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
 */
public record InboxQuery(Scope scope, @Nullable UUID viewer, Set<ConversationStatus> statuses,
        Set<Priority> priorities, Sort sort) {

    public enum Scope { MINE, UNASSIGNED, ALL }

    public enum Sort { WAITING_LONGEST, PRIORITY, NEWEST }

    public static InboxQuery allOpen(@Nullable UUID viewer) {
        return new InboxQuery(Scope.ALL, viewer, Set.of(ConversationStatus.OPEN, ConversationStatus.PENDING), Set.of(),
                Sort.WAITING_LONGEST);
    }
}

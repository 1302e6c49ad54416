package uk.co.omniops.conversation;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A customer's open and pending conversations counted by assignee: what every agent's scope chips show, read once
 * for all of them.
 *
 * @param byAssignee assigned conversations per agent (agents without any are absent)
 */
public record OpenCounts(int unassigned, int all, Map<UUID, Integer> byAssignee) {

    public OpenCounts {
        byAssignee = Map.copyOf(byAssignee);
    }

    /** The counts of the chips MINE, UNASSIGNED and ALL as {@code viewer} sees them. */
    public Map<InboxQuery.Scope, Integer> forViewer(@Nullable UUID viewer) {
        var counts = new EnumMap<InboxQuery.Scope, Integer>(InboxQuery.Scope.class);
        counts.put(InboxQuery.Scope.MINE, viewer == null ? 0 : byAssignee.getOrDefault(viewer, 0));
        counts.put(InboxQuery.Scope.UNASSIGNED, unassigned);
        counts.put(InboxQuery.Scope.ALL, all);
        return counts;
    }
}

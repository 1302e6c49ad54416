package uk.co.omniops.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/** Completed event publications are deleted after a week; recent and incomplete ones stay. */
@OmniOpsIntegrationTest
class EventPublicationPurgeTests {

    @Autowired IncompleteEventsResubmitter events;

    @Test
    void completedPublicationsOlderThanAWeekAreDeleted() throws Exception {
        var old = UUID.randomUUID();
        var recent = UUID.randomUUID();
        var incomplete = UUID.randomUUID();
        try (var c = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            var insert = c.prepareStatement("""
                    insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                                                   completion_date, status, completion_attempts)
                    values (?, 'test.listener', 'test.Event', '{}', now() - interval '30 days',
                            now() - (? * interval '1 day'), ?, 1)""");
            for (var row : new Object[][] {{old, 8, "COMPLETED"}, {recent, 1, "COMPLETED"}, {incomplete, null, "PUBLISHED"}}) {
                insert.setObject(1, row[0]);
                insert.setObject(2, row[1], java.sql.Types.INTEGER);
                insert.setObject(3, row[2]);
                insert.executeUpdate();
            }
            events.purgeCompleted();
            var rs = c.createStatement().executeQuery("select id from event_publication where id in ('" + old + "', '"
                    + recent + "', '" + incomplete + "')");
            var left = new java.util.HashSet<UUID>();
            while (rs.next()) {
                left.add(rs.getObject(1, UUID.class));
            }
            assertThat(left).containsExactlyInAnyOrder(recent, incomplete);
            c.createStatement().executeUpdate("delete from event_publication where listener_id = 'test.listener'");
        }
    }
}

package uk.co.omniops.escalation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * Issue 21, finding 8: a claimed batch of notifications is not claimed again by another replica while the first may
 * still be sending it, however slowly each webhook answers within its time-outs; a replica that died mid-batch leaves
 * its rows to be retried once the lease ends.
 */
@OmniOpsIntegrationTest
class OutboxLeaseTests {

    @Autowired
    Notifications notifications;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    TenantTransactions transactions;

    @Test
    void aBatchOfSlowSendsIsNeverClaimedTwiceAndADeadReplicasRowsComeBack() throws Exception {
        var customer = tenancy.ensureCustomer("outbox-lease-it", "Outbox Lease IT", "business", "eu");
        var conversation = conversations
                .start(customer.id(), new NewContact("Lee Slow", null, null), "Hello", "api", null)
                .conversation()
                .id();
        // rows due far in the future, so the running outbox of this application never sees them
        var due = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            for (var i = 0; i < NotificationDispatcher.BATCH; i++) {
                var event = UUID.randomUUID();
                try (var s = owner.prepareStatement("insert into escalation_events (id, customer_id, conversation_id, "
                        + "reason, severity, status) values (?, ?, ?, 'lease test', 'high', 'resolved')")) {
                    s.setObject(1, event);
                    s.setObject(2, customer.id().value());
                    s.setObject(3, conversation.value());
                    s.executeUpdate();
                }
                try (var s = owner.prepareStatement("insert into escalation_notifications (id, customer_id, event_id, "
                        + "channel, next_attempt_at) values (?, ?, ?, 'slack', ?)")) {
                    s.setObject(1, UUID.randomUUID());
                    s.setObject(2, customer.id().value());
                    s.setObject(3, event);
                    s.setTimestamp(4, java.sql.Timestamp.from(due));
                    s.executeUpdate();
                }
            }
        }
        var lease = NotificationDispatcher.lease(NotificationDispatcher.BATCH);
        var slowest = ChannelSender.CONNECT_TIMEOUT
                .plus(ChannelSender.READ_TIMEOUT)
                .multipliedBy(NotificationDispatcher.BATCH);
        assertThat(lease).as("outlasts sending every row at its time-outs").isGreaterThan(slowest);

        var first = claim(due, lease);
        assertThat(first).hasSize(NotificationDispatcher.BATCH);
        // another replica, while the first may still be sending the last row (the old 120 s lease had ended here)
        assertThat(claim(due.plus(slowest), lease))
                .as("claimed again while being sent")
                .isEmpty();
        // the first replica died: once the lease is over, the rows are due again
        assertThat(claim(due.plus(lease).plusSeconds(1), lease)).hasSize(NotificationDispatcher.BATCH);
    }

    /** Claims as the outbox would at {@code now}, within this test's customer only (other tests' rows stay put). */
    private java.util.List<Notifications.Pending> claim(Instant now, Duration lease) {
        var customer = tenancy.customerBySlug("outbox-lease-it").orElseThrow().id();
        return transactions.inTenant(customer, () -> notifications.claimDue(now, 100, lease));
    }
}

package uk.co.omniops.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.escalation.internal.Condition;
import uk.co.omniops.escalation.internal.Escalator;
import uk.co.omniops.escalation.internal.RuleService;
import uk.co.omniops.tenancy.Customer;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * The waiting signal measures against each customer's own first-response SLA: the same 20-minute wait breaches a
 * 10-minute SLA and is well inside a 60-minute one; the desk says how much time is left; one customer can never set
 * another's SLA.
 */
@OmniOpsIntegrationTest
class FirstResponseSlaTests {

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    Escalator escalator;

    @Autowired
    EscalationManagement escalations;

    @Autowired
    RuleService rules;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    Customer strict;
    Customer relaxed;

    @BeforeEach
    void setUp() {
        strict = tenancy.ensureCustomer("sla-strict", "SLA Strict Ltd", "business", "eu");
        relaxed = tenancy.ensureCustomer("sla-relaxed", "SLA Relaxed Ltd", "business", "eu");
        tenancy.changeFirstResponseSla(strict.id(), 10, "tests");
        tenancy.changeFirstResponseSla(relaxed.id(), 60, "tests");
    }

    @Test
    void theSameWaitBreachesOneCustomersSlaAndNotAnothers() throws Exception {
        // the default "Waiting too long" rule follows the SLA (no minutes of its own)
        assertThat(rules.rules(strict.id()))
                .filteredOn(r -> r.name().equals("Waiting too long"))
                .singleElement()
                .satisfies(r -> assertThat(r.condition()).isEqualTo(Condition.Waiting.pastSla()));
        var atStrict = waitingConversation(strict, Duration.ofMinutes(20));
        var atRelaxed = waitingConversation(relaxed, Duration.ofMinutes(20));

        // the scheduler may have taken the breached one first; either way it is escalated once
        assertThat(escalator.onWaiting(strict.id(), atStrict))
                .isIn(Escalator.Outcome.OPENED, Escalator.Outcome.SKIPPED);
        assertThat(escalator.onWaiting(relaxed.id(), atRelaxed)).isEqualTo(Escalator.Outcome.NO_MATCH);

        var escalation = escalations.forConversation(strict.id(), atStrict).orElseThrow();
        assertThat(escalation.ruleName()).isEqualTo("Waiting too long");
        assertThat(escalation.severity()).isEqualTo(Severity.LOW);
        assertThat(escalation.reason())
                .matches("waiting 2[01] min for a reply, 1[01] min past the 10-min " + "first-response SLA");
        assertThat(escalations.forConversation(relaxed.id(), atRelaxed)).isEmpty();

        // the desk measures the wait against the same SLA
        var row = escalations.desk(strict.id(), Set.of(), Set.of(), false).stream()
                .filter(r -> r.escalation().conversationId().equals(atStrict))
                .findFirst()
                .orElseThrow();
        assertThat(row.slaMinutes()).isEqualTo(10);
        assertThat(row.slaLeft()).isNotNull().isNegative();
        assertThat(row.slaLeft().negated()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));

        // a stricter SLA for the relaxed customer breaches its conversation too; the strict one is unaffected
        tenancy.changeFirstResponseSla(relaxed.id(), 15, "tests");
        assertThat(escalator.onWaiting(relaxed.id(), atRelaxed))
                .isIn(Escalator.Outcome.OPENED, Escalator.Outcome.SKIPPED);
        assertThat(escalations
                        .forConversation(relaxed.id(), atRelaxed)
                        .orElseThrow()
                        .reason())
                .contains("past the 15-min first-response SLA");
        assertThat(tenancy.firstResponseSla(strict.id())).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aCustomerCannotChangeAnotherCustomersSla() {
        // as the application role inside the strict customer's tenant transaction: row-level security hides the other
        // row
        int updated = transactions.inTenant(
                strict.id(),
                () -> jdbc.sql("update customers set first_response_sla_minutes = 1 where id = ?")
                        .param(relaxed.id().value())
                        .update());
        assertThat(updated).isZero();
        assertThat(tenancy.firstResponseSla(relaxed.id())).isEqualTo(Duration.ofMinutes(60));
        // its own row it may change
        assertThat(transactions.inTenant(
                        strict.id(),
                        () -> jdbc.sql("update customers set first_response_sla_minutes = 11 where id = ?")
                                .param(strict.id().value())
                                .update()))
                .isEqualTo(1);
        assertThat(tenancy.firstResponseSla(strict.id())).isEqualTo(Duration.ofMinutes(11));
    }

    @Test
    void theSlaIsValidated() {
        assertThatThrownBy(() -> tenancy.changeFirstResponseSla(strict.id(), 0, "tests"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 10080 minutes");
        assertThatThrownBy(() -> tenancy.changeFirstResponseSla(strict.id(), 10_081, "tests"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tenancy.firstResponseSla(strict.id())).isEqualTo(Duration.ofMinutes(10));
    }

    /** A calm question whose contact has waited {@code waited} for a reply (the clock moved back as the owner). */
    private ConversationId waitingConversation(Customer customer, Duration waited) throws Exception {
        var started = conversations.start(
                customer.id(),
                new NewContact("Patient Pat", "pat-" + UUID.randomUUID() + "@example.com", null),
                "Could you tell me when my order will ship?",
                "email",
                null);
        var id = started.conversation().id();
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var statement = owner.createStatement()) {
            var interval = "interval '" + waited.toSeconds() + " seconds'";
            statement.executeUpdate("update messages set created_at = created_at - " + interval
                    + " where conversation_id = '" + id.value() + "'");
            statement.executeUpdate("update conversations set waiting_since = waiting_since - " + interval
                    + ", created_at = created_at - " + interval + " where id = '" + id.value() + "'");
        }
        return id;
    }
}

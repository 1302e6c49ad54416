package uk.co.omniops.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdate.Kind;

/** Updates published in one transaction reach the browsers after commit, one per subject, with every kind. */
class LiveUpdateCoalescingTests {

    final DefaultLiveUpdates updates = new DefaultLiveUpdates(
            new StaticListableBeanFactory(Map.of()).getBeanProvider(RedisConnectionFactory.class));
    final TransactionTemplate tx = new TransactionTemplate(new NoDatabase());
    final UUID customer = UUID.randomUUID();
    final List<LiveUpdate> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        updates.destroy();
    }

    @Test
    void aTransactionsUpdatesAboutOneConversationArriveAsOneWithEveryKind() throws Exception {
        var conversation = UUID.randomUUID();
        var other = UUID.randomUUID();
        updates.subscribe(customer, received::add);
        tx.executeWithoutResult(status -> {
            updates.publish(LiveUpdate.of(customer, Kind.MESSAGE_ANALYSED, conversation));
            updates.publish(LiveUpdate.of(customer, Kind.CONVERSATION_SENTIMENT, conversation));
            updates.publish(LiveUpdate.of(customer, Kind.PREDICTION_UPDATED, conversation));
            updates.publish(LiveUpdate.of(customer, Kind.ESCALATION_OPENED, conversation));
            updates.publish(LiveUpdate.of(customer, Kind.MESSAGE_ANALYSED, other));
            assertThat(received).as("nothing before commit").isEmpty();
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 2);
        Thread.sleep(100);
        assertThat(received).hasSize(2);
        var first = received.stream()
                .filter(u -> conversation.equals(u.subjectId()))
                .findFirst()
                .orElseThrow();
        assertThat(first.kinds())
                .isEqualTo(EnumSet.of(
                        Kind.MESSAGE_ANALYSED,
                        Kind.CONVERSATION_SENTIMENT,
                        Kind.PREDICTION_UPDATED,
                        Kind.ESCALATION_OPENED));
        assertThat(first.isAbout(LiveUpdate.Area.ESCALATION)).isTrue();
        assertThat(received.stream()
                        .filter(u -> other.equals(u.subjectId()))
                        .findFirst()
                        .orElseThrow()
                        .kinds())
                .isEqualTo(Set.of(Kind.MESSAGE_ANALYSED));
    }

    @Test
    void aRolledBackTransactionSendsNothingAndTheNextOneStartsAfresh() throws Exception {
        var conversation = UUID.randomUUID();
        updates.subscribe(customer, received::add);
        tx.executeWithoutResult(status -> {
            updates.publish(LiveUpdate.of(customer, Kind.MESSAGE_ANALYSED, conversation));
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(
                status -> updates.publish(LiveUpdate.of(customer, Kind.MESSAGE_RECEIVED, conversation)));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
        Thread.sleep(100);
        assertThat(received).singleElement().extracting(LiveUpdate::kinds).isEqualTo(Set.of(Kind.MESSAGE_RECEIVED));
    }

    @Test
    void outsideATransactionEachUpdateGoesAtOnce() {
        updates.subscribe(customer, received::add);
        updates.publish(LiveUpdate.of(customer, Kind.RULES_CHANGED, null));
        updates.publish(LiveUpdate.of(customer, Kind.MODEL_ADAPTED, null));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
    }

    /** Transactions without a database: only the synchronization callbacks matter here. */
    static final class NoDatabase extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {}

        @Override
        protected void doRollback(DefaultTransactionStatus status) {}
    }
}

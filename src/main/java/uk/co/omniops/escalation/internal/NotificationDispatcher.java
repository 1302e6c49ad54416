package uk.co.omniops.escalation.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.co.omniops.conversation.ConversationNavigation;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.platform.PlatformSettings;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Sends the outbox: claims due rows (any replica), sends each outside a transaction with short timeouts, records
 * the result. Failures: WARN log, metric {@value #FAILED_METRIC} (tag {@code channel}), a line in the escalation's
 * history, and a retry with backoff ({@link RetryPolicy}); a failing channel never blocks the others or the
 * escalation. One alert per customer and channel per few minutes: when many fire, the rest go out together as one
 * grouped alert ({@link #dispatch}).
 */
@Component
class NotificationDispatcher {

    public static final String FAILED_METRIC = "omniops.notifications.failed";
    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Notifications notifications;
    private final EscalationEvents events;
    private final NotificationTargets targets;
    private final TenantTransactions transactions;
    private final TenancyManagement tenancy;
    private final PlatformSettings platform;
    private final MeterRegistry meters;
    private final LiveUpdates liveUpdates;
    private final ChannelSender sender = new ChannelSender(ChannelSender.CONNECT_TIMEOUT, ChannelSender.READ_TIMEOUT);
    private volatile java.time.Duration groupWindow;

    NotificationDispatcher(
            Notifications notifications,
            EscalationEvents events,
            NotificationTargets targets,
            TenantTransactions transactions,
            TenancyManagement tenancy,
            PlatformSettings platform,
            MeterRegistry meters,
            LiveUpdates liveUpdates,
            @org.springframework.beans.factory.annotation.Value("${omniops.escalation.notify-group-window:5m}")
                    java.time.Duration groupWindow) {
        this.groupWindow = groupWindow;
        this.notifications = notifications;
        this.events = events;
        this.targets = targets;
        this.transactions = transactions;
        this.tenancy = tenancy;
        this.platform = platform;
        this.meters = meters;
        this.liveUpdates = liveUpdates;
    }

    @Scheduled(fixedDelayString = "${omniops.escalation.notify-interval:5s}", initialDelayString = "5s")
    void scheduled() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            log.warn("Notification dispatch failed: {}", e.toString());
        }
    }

    /** Rows claimed per run of the outbox. */
    static final int BATCH = 20;

    /**
     * How long a claim of {@code rows} holds: each row may take a connect and a read time-out to send, one after the
     * other, plus a margin for the database work around them (170 s for 20 rows). The fixed 120 s lease before it was
     * shorter than 20 slow sends (140 s), so another replica could claim a row still being sent and send it again
     * (issue 21, finding 8).
     */
    static java.time.Duration lease(int rows) {
        return ChannelSender.CONNECT_TIMEOUT
                .plus(ChannelSender.READ_TIMEOUT)
                .multipliedBy(rows)
                .plus(java.time.Duration.ofSeconds(30));
    }

    /** Sends what is due now; returns how many rows were attempted (held or sent). */
    public synchronized int dispatchDue() {
        var now = Instant.now();
        var due = transactions.asPlatform(
                "escalation notification outbox", () -> notifications.claimDue(now, BATCH, lease(BATCH)));
        var groups = new java.util.LinkedHashMap<String, java.util.List<Notifications.Pending>>();
        for (var row : due) {
            groups.computeIfAbsent(
                            row.customerId().value() + "/" + row.channel().dbValue(), k -> new java.util.ArrayList<>())
                    .add(row);
        }
        for (var group : groups.values()) {
            dispatch(group, now);
        }
        return due.size();
    }

    /**
     * One customer's due rows on one channel. At most one alert per customer and channel per {@link #groupWindow}:
     * the first goes out at once; what fires after it waits for the window's end and goes out as one grouped alert.
     */
    private void dispatch(java.util.List<Notifications.Pending> rows, Instant now) {
        var first = rows.getFirst();
        var customer = first.customerId();
        var window = groupWindow;
        var last = transactions.readInTenant(customer, () -> notifications.lastSentAt(customer, first.channel()));
        if (last != null && last.plus(window).isAfter(now)) {
            var at = last.plus(window);
            transactions.inTenant(customer, () -> {
                notifications.holdUntil(
                        rows.stream().map(Notifications.Pending::id).toList(), at);
                return null;
            });
            return;
        }
        if (rows.size() == 1) {
            send(first);
        } else {
            sendGrouped(rows);
        }
    }

    /** Test hook and setting: the grouping window ({@code omniops.escalation.notify-group-window}, default 5 min). */
    public void useGroupWindow(java.time.Duration window) {
        this.groupWindow = window;
    }

    private void sendGrouped(java.util.List<Notifications.Pending> rows) {
        var customer = rows.getFirst().customerId();
        var channel = rows.getFirst().channel();
        var escalations = new java.util.ArrayList<uk.co.omniops.escalation.Escalation>();
        for (var row : rows) {
            transactions
                    .readInTenant(customer, () -> events.findById(customer, row.eventId()))
                    .ifPresent(escalations::add);
        }
        if (escalations.isEmpty()) {
            return;
        }
        escalations.sort(java.util.Comparator.comparing((uk.co.omniops.escalation.Escalation e) -> e.severity())
                .reversed()
                .thenComparing(uk.co.omniops.escalation.Escalation::openedAt));
        var lead = escalations.getFirst();
        var c = tenancy.customer(customer);
        var lines = escalations.stream()
                .map(e -> e.severity().dbValue() + ": " + e.reason())
                .toList();
        var reason = escalations.size() + " escalations in the last few minutes. " + String.join(" | ", lines);
        var base = platform.appUrl().endsWith("/") ? platform.appUrl() : platform.appUrl() + "/";
        var alert = new Alert(
                lead.id().toString(),
                c.map(x -> x.name()).orElse(customer.toString()),
                c.map(x -> x.slug()).orElse(customer.toString()),
                reason.length() > 2000 ? reason.substring(0, 1999) + "…" : reason,
                escalations.size() + " rules matched",
                lead.severity(),
                base + "escalations",
                lead.openedAt());
        var result = sender.send(channel, alert, targets.current());
        var now = Instant.now();
        transactions.inTenant(customer, () -> {
            for (var row : rows) {
                int attempt = row.attempts() + 1;
                if (result.sent()) {
                    notifications.sent(row.id(), now);
                    events.addHistoryLine(
                            customer,
                            row.eventId(),
                            "notification",
                            channel.label() + " notified in one " + "alert for " + escalations.size() + " escalations ("
                                    + result.detail() + ")");
                } else {
                    var next = RetryPolicy.nextAttempt(attempt, result.permanent(), now);
                    notifications.failed(row.id(), result.detail(), next);
                    events.addHistoryLine(
                            customer,
                            row.eventId(),
                            "notification-failed",
                            channel.label()
                                    + " failed (" + result.detail() + "), attempt " + attempt + " of "
                                    + RetryPolicy.MAX_ATTEMPTS
                                    + ": " + (next == null ? "gave up" : "retrying at " + TIME.format(next)));
                }
            }
            return null;
        });
        if (!result.sent()) {
            Counter.builder(FAILED_METRIC)
                    .description("Escalation notifications that failed, per attempt")
                    .tag("channel", channel.dbValue())
                    .register(meters)
                    .increment();
            log.warn(
                    "Grouped notification of {} escalations via {} failed: {}",
                    rows.size(),
                    channel.dbValue(),
                    result.detail());
        }
        for (var e : escalations) {
            liveUpdates.publish(LiveUpdate.of(
                    customer.value(),
                    LiveUpdate.Kind.ESCALATION_UPDATED,
                    e.conversationId().value()));
        }
    }

    private void send(Notifications.Pending row) {
        var customer = row.customerId();
        var escalation = transactions.readInTenant(customer, () -> events.findById(customer, row.eventId()));
        if (escalation.isEmpty()) {
            return;
        }
        var e = escalation.get();
        var c = tenancy.customer(customer);
        var alert = new Alert(
                e.id().toString(),
                c.map(x -> x.name()).orElse(customer.toString()),
                c.map(x -> x.slug()).orElse(customer.toString()),
                e.reason(),
                e.ruleName() == null ? "(deleted rule)" : e.ruleName(),
                e.severity(),
                link(e.conversationId()),
                e.openedAt());
        var result = sender.send(row.channel(), alert, targets.current());
        var now = Instant.now();
        int attempt = row.attempts() + 1;
        transactions.inTenant(customer, () -> {
            if (result.sent()) {
                notifications.sent(row.id(), now);
                events.addHistoryLine(
                        customer,
                        e.id(),
                        "notification",
                        row.channel().label() + " notified (" + result.detail() + ")");
            } else {
                var next = RetryPolicy.nextAttempt(attempt, result.permanent(), now);
                notifications.failed(row.id(), result.detail(), next);
                events.addHistoryLine(
                        customer,
                        e.id(),
                        "notification-failed",
                        row.channel().label() + " failed ("
                                + result.detail() + "), attempt " + attempt + " of " + RetryPolicy.MAX_ATTEMPTS + ": "
                                + (next == null ? "gave up" : "retrying at " + TIME.format(next)));
            }
            return null;
        });
        if (!result.sent()) {
            Counter.builder(FAILED_METRIC)
                    .description("Escalation notifications that failed, per attempt")
                    .tag("channel", row.channel().dbValue())
                    .register(meters)
                    .increment();
            log.warn(
                    "Escalation {} notification via {} failed (attempt {}): {}",
                    e.id(),
                    row.channel().dbValue(),
                    attempt,
                    result.detail());
        }
        liveUpdates.publish(LiveUpdate.of(
                customer.value(),
                LiveUpdate.Kind.ESCALATION_UPDATED,
                e.conversationId().value()));
    }

    private String link(uk.co.omniops.conversation.ConversationId conversation) {
        var base = platform.appUrl().endsWith("/") ? platform.appUrl() : platform.appUrl() + "/";
        return base + ConversationNavigation.conversation(conversation);
    }
}

package uk.co.omniops.prediction.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.co.omniops.prediction.PastConversation;
import uk.co.omniops.prediction.PastConversation.PastMessage;
import uk.co.omniops.prediction.Prediction;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Runs resolved conversations the module never saw through the steps of the live pipeline, in the order things
 * happened across all of them. Each analysed contact message is predicted from what was known at that moment (the
 * earlier messages and analyses, the time of day, the wait) with a model fitted only on conversations resolved
 * before it (starting from the prior, as a new customer does; see {@link #REFIT_MINIMUM}); the risk counts for
 * calibration only until the conversation is escalated or resolved, as {@link PredictionStore#updateFeatures} has
 * it; escalations and resolutions set the labels as {@link Predictor#onEscalated} and {@link Predictor#onResolved}
 * do. Nothing is invented: without an analysed message there is no prediction.
 *
 * <p>Replayed predictions say so in their model name ({@link #MARK}). Computed in memory, written in one tenant
 * transaction with three bulk statements; conversations the read model already has are skipped.
 */
@Component
public class HistoryReplay {

    private static final Logger log = LoggerFactory.getLogger(HistoryReplay.class);

    /**
     * Live models are refitted every 10 minutes. A fit costs time proportional to the history (about 0.15 s for
     * 2,500 conversations once the JIT has compiled it, several times that at start-up), so the replay refits
     * whenever the resolved history has doubled, from {@link #REFIT_MINIMUM} conversations on: often while the
     * model still changes much, less than 2 × n conversations fitted in all, and a prediction's model always knows at
     * least half of what was known at its moment.
     */
    static final int REFIT_MINIMUM = 10;

    static final String MARK = ", replayed history";

    private final PredictionStore store;
    private final ReplayStore replayStore;
    private final Predictor predictor;
    private final TenantTransactions transactions;

    HistoryReplay(
            PredictionStore store, ReplayStore replayStore, Predictor predictor, TenantTransactions transactions) {
        this.store = store;
        this.replayStore = replayStore;
        this.predictor = predictor;
        this.transactions = transactions;
    }

    /** The state of one conversation in the read model while replaying. */
    private static final class Replayed {
        final PastConversation past;
        final List<PastMessage> analysed = new ArrayList<>();
        final Set<String> categories = new LinkedHashSet<>();

        @Nullable
        Instant startedAt;

        double @Nullable [] features;

        @Nullable
        Double risk;

        @Nullable
        Instant escalatedAt;

        @Nullable
        Instant resolvedAt;

        @Nullable
        Double minutes;

        @Nullable
        Double csat;

        Replayed(PastConversation past) {
            this.past = past;
        }
    }

    private enum Kind {
        ANALYSED,
        ESCALATED,
        RESOLVED
    }

    private record Step(
            Instant at,
            Kind kind,
            Replayed conversation,
            @Nullable PastMessage message) {}

    /** Every conversation's analysed messages, escalation and resolution as steps in time order (known ones left out). */
    private static List<Step> steps(List<PastConversation> history, Set<UUID> known) {
        var steps = new ArrayList<Step>();
        for (var past : history) {
            if (known.contains(past.id().value())) {
                continue;
            }
            var c = new Replayed(past);
            for (var m : past.messages()) {
                if (m.analysedAt() != null) {
                    steps.add(new Step(m.analysedAt(), Kind.ANALYSED, c, m));
                }
            }
            if (past.escalatedAt() != null) {
                steps.add(new Step(past.escalatedAt(), Kind.ESCALATED, c, null));
            }
            steps.add(new Step(past.resolvedAt(), Kind.RESOLVED, c, null));
        }
        steps.sort(Comparator.comparing(Step::at).thenComparing(Step::kind));
        return steps;
    }

    /** The read-model rows of the replayed conversations, oldest first. */
    private static List<ReplayStore.ConversationRow> rowsOf(Set<Replayed> rows) {
        return rows.stream()
                .sorted(Comparator.comparing(c -> c.past.startedAt()))
                .map(c -> new ReplayStore.ConversationRow(
                        c.past.id().value(),
                        c.startedAt,
                        c.features,
                        c.risk,
                        c.escalatedAt,
                        c.resolvedAt,
                        c.minutes,
                        c.csat))
                .toList();
    }

    /** A message analysed: its signal, and the prediction the model of the moment makes after it. */
    private static void analysed(
            Replayed c,
            Step step,
            CustomerModels model,
            List<PredictionStore.SignalRow> signals,
            List<ReplayStore.PredictionRow> predictions) {
        var m = Objects.requireNonNull(step.message());
        signals.add(
                new PredictionStore.SignalRow(m.id().value(), c.past.id().value(), m.score(), m.categories(), m.at()));
        c.analysed.add(m);
        c.analysed.sort(Comparator.comparing(PastMessage::at).thenComparing(a -> a.id().value()));
        c.categories.addAll(m.categories());
        if (c.startedAt == null) {
            c.startedAt = c.past.startedAt();
        }
        var x = Features.of(input(c, step.at()));
        var p = model.predict(x, step.at());
        var marked = new Prediction(
                p.escalationRisk(),
                p.expectedCsat(),
                p.expectedResolutionMinutes(),
                p.factors(),
                p.model() + MARK,
                p.at());
        predictions.add(new ReplayStore.PredictionRow(c.past.id().value(), m.id().value(), marked));
        c.features = x;
        if (c.escalatedAt == null) {
            c.risk = p.escalationRisk();
        }
    }

    /** A conversation resolved: its CSAT proxy and resolution time, and an outcome the next refit learns from. */
    private static void resolved(Replayed c, Instant at, List<PredictionStore.Outcome> resolved) {
        if (c.startedAt == null) {
            return;
        }
        var scores = scores(c);
        double last = scores.isEmpty() ? 0.6 : scores.getLast();
        c.csat = Math.clamp(1 + 4 * last - (c.escalatedAt != null ? 0.5 : 0), 1.0, 5.0);
        c.minutes = Math.max(0, Duration.between(c.startedAt, at).toSeconds() / 60.0);
        c.resolvedAt = at;
        if (c.features != null) {
            resolved.add(new PredictionStore.Outcome(c.features, c.escalatedAt != null, c.risk, c.minutes, c.csat));
        }
    }

    /** @return how many conversations were added to the read model */
    public int replay(CustomerId customer, List<PastConversation> history) {
        if (!predictor.enabled(customer) || history.isEmpty()) {
            return 0;
        }
        long started = System.nanoTime();
        var known = transactions.readInTenant(
                customer,
                () -> store.known(history.stream().map(c -> c.id().value()).toList()));
        var steps = steps(history, known);
        if (steps.isEmpty()) {
            return 0;
        }

        var rows = new LinkedHashSet<Replayed>();
        var signals = new ArrayList<PredictionStore.SignalRow>();
        var predictions = new ArrayList<ReplayStore.PredictionRow>();
        var resolved = new ArrayList<PredictionStore.Outcome>();
        var model = CustomerModels.prior();
        int fittedOn = 0;
        for (var step : steps) {
            int n = resolved.size();
            if (n >= Math.max(REFIT_MINIMUM, 2 * fittedOn)) {
                model = CustomerModels.train(resolved.subList(Math.max(0, n - Predictor.TRAINING_LIMIT), n));
                fittedOn = n;
            }
            var c = step.conversation();
            switch (step.kind()) {
                case ANALYSED -> {
                    // the live listener skips messages of a conversation that is resolved by then
                    if (c.resolvedAt == null) {
                        rows.add(c);
                        analysed(c, step, model, signals, predictions);
                    }
                }
                case ESCALATED -> {
                    if (c.startedAt == null) {
                        c.startedAt = step.at();
                    }
                    rows.add(c);
                    c.escalatedAt = step.at();
                }
                case RESOLVED -> resolved(c, step.at(), resolved);
            }
        }
        var conversations = rowsOf(rows);
        transactions.inTenant(customer, () -> {
            replayStore.insert(customer, conversations, signals, predictions);
            return null;
        });
        predictor.evict(customer);
        log.info(
                "Replayed {} conversations ({} predictions) for customer {} in {} ms",
                conversations.size(),
                predictions.size(),
                customer.value(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return conversations.size();
    }

    /** As {@link Predictor#input}, from the messages written up to {@code now}. */
    private static Features.Input input(Replayed c, Instant now) {
        var said = c.past.messages().stream()
                .filter(m -> !m.at().isAfter(now))
                .sorted(Comparator.comparing(PastMessage::at))
                .map(m -> new Predictor.Said(m.author(), m.at()))
                .toList();
        return new Features.Input(
                scores(c),
                c.categories,
                Predictor.waitingMinutes(said, now),
                said.size(),
                c.past.vip(),
                c.past.priority().ordinal(),
                now.atZone(ZoneOffset.UTC).getHour());
    }

    /** As {@link PredictionStore#scores}: the analysed messages' scores, oldest first, those without one skipped. */
    private static List<Double> scores(Replayed c) {
        return c.analysed.stream()
                .map(PastMessage::score)
                .filter(s -> s != null)
                .map(s -> (double) s)
                .toList();
    }
}

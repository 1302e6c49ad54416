package uk.co.omniops.prediction;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.prediction.internal.Forecaster;
import uk.co.omniops.prediction.internal.HistoryReplay;
import uk.co.omniops.prediction.internal.PredictionStore;
import uk.co.omniops.prediction.internal.Predictor;
import uk.co.omniops.prediction.internal.Reliability;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * The prediction module's API: the reads and commands other modules and the views use, each gated by
 * {@code PREDICTIVE_ANALYTICS} and run in the customer's tenant transaction. Everything answers "nothing" (empty, an
 * empty table or forecast) when the feature is off for the customer. Predictions themselves are made on the event side
 * ({@code internal.Predictor}, fed by {@code MessagesAnalysed} and {@code ConversationResolved}).
 *
 * @see <a href="../../../../../../docs/decisions/010-predictions.md">decision 010</a>
 * @see <a href="../../../../../../docs/decisions/019-module-api-style.md">decision 019</a>
 */
@Service
public class PredictionManagement {

    /** Weeks of arrivals the volume forecast learns its weekly pattern from. */
    static final int FORECAST_WEEKS = 4;
    /** The handle time assumed without 10 resolved conversations. */
    static final double DEFAULT_HANDLE_MINUTES = 12;
    /** The staffing target: average wait for a first response. */
    static final int TARGET_FIRST_RESPONSE_SECONDS = 60;

    private final Predictor predictor;
    private final HistoryReplay replay;
    private final PredictionStore store;
    private final TenantTransactions transactions;
    private final FeatureFlags flags;

    PredictionManagement(
            Predictor predictor,
            HistoryReplay replay,
            PredictionStore store,
            TenantTransactions transactions,
            FeatureFlags flags) {
        this.predictor = predictor;
        this.replay = replay;
        this.store = store;
        this.transactions = transactions;
        this.flags = flags;
    }

    private boolean enabled(CustomerId customer) {
        return flags.isEnabled(customer, Feature.PREDICTIVE_ANALYTICS);
    }

    /** The latest prediction for the conversation; empty when none exists or the feature is off. */
    public Optional<Prediction> current(CustomerId customer, ConversationId conversation) {
        if (!enabled(customer)) {
            return Optional.empty();
        }
        return transactions.readInTenant(customer, () -> store.latest(conversation));
    }

    /**
     * The latest predicted escalation risk of each of these conversations, in one statement (conversations without a
     * prediction are absent; empty when predictions are off for the customer): the escalation rules of a batch.
     */
    public Map<ConversationId, Double> currentRisks(CustomerId customer, List<ConversationId> conversations) {
        if (!enabled(customer) || conversations.isEmpty()) {
            return Map.of();
        }
        var risks = transactions.readInTenant(
                customer,
                () -> store.latestRisks(
                        conversations.stream().map(ConversationId::value).toList()));
        var result = new HashMap<ConversationId, Double>();
        risks.forEach((id, risk) -> result.put(new ConversationId(id), risk));
        return result;
    }

    /** Reliability of the customer's risk predictions over its resolved history. */
    public Calibration calibration(CustomerId customer) {
        return calibrationOf(customer);
    }

    /** The same over every customer (platform admins; runs as platform, logged). */
    public Calibration platformCalibration() {
        return calibrationOf(null);
    }

    private Calibration calibrationOf(@Nullable CustomerId customer) {
        if (customer != null && !enabled(customer)) {
            return Reliability.of(List.of());
        }
        List<PredictionStore.Outcome> outcomes = customer == null
                ? transactions.asPlatform("platform-wide prediction calibration", () -> store.outcomes(null, 100_000))
                : transactions.readInTenant(customer, () -> store.outcomes(customer, 100_000));
        return Reliability.of(outcomes.stream()
                .filter(o -> o.riskBeforeLabel() != null)
                .map(o -> new Reliability.Outcome(o.riskBeforeLabel(), o.escalated()))
                .toList());
    }

    /** Conversations per hour and agents needed for the next 7 days (168 hours from the current hour, UTC). */
    public VolumeForecast forecast(CustomerId customer) {
        if (!enabled(customer)) {
            return new VolumeForecast(List.of(), 0, DEFAULT_HANDLE_MINUTES, TARGET_FIRST_RESPONSE_SECONDS);
        }
        var now = Instant.now();
        var since = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(7L * FORECAST_WEEKS));
        var arrivals = transactions.readInTenant(customer, () -> store.arrivalsSince(customer, since));
        var handled = transactions.readInTenant(customer, () -> store.outcomes(customer, 1_000)).stream()
                .map(PredictionStore.Outcome::resolutionMinutes)
                .filter(m -> m != null)
                .sorted()
                .toList();
        return Forecaster.forecast(
                arrivals, now, FORECAST_WEEKS, handleMinutes(handled), TARGET_FIRST_RESPONSE_SECONDS);
    }

    /**
     * The assumed handle time: the median resolution time of resolved conversations clamped to 3…60 min (a chat is
     * worked in bursts; the wall-clock time overstates the agent's effort), the default without 10 resolutions.
     */
    static double handleMinutes(List<Double> sortedMinutes) {
        if (sortedMinutes.size() < 10) {
            return DEFAULT_HANDLE_MINUTES;
        }
        return Math.clamp(sortedMinutes.get(sortedMinutes.size() / 2), 3.0, 60.0);
    }

    /**
     * Continues the caller's own series of arrivals (conversations started per hour or UTC day) with its weekly
     * pattern and an 80 % interval: the caller passes the counts it shows, so the forecast continues exactly the
     * series on screen (the insights report passes its volume series, demo and imported history included). Needs
     * {@value Forecaster#MINIMUM_DAYS} days after the day (hour) of the first arrival; {@code DISABLED} with the
     * feature off.
     *
     * @param start the first bucket's start, on a whole UTC hour (day)
     * @param bucket one hour or one day
     * @param counts arrivals per bucket, oldest first, contiguous; the last bucket complete
     * @param horizon buckets to forecast, following the last one given
     */
    public ArrivalForecast forecastArrivals(
            CustomerId customer, Instant start, Duration bucket, List<Long> counts, int horizon) {
        if (!enabled(customer)) {
            return new ArrivalForecast(ArrivalForecast.Status.DISABLED, List.of(), 0, Forecaster.MINIMUM_DAYS);
        }
        return Forecaster.weekly(start, bucket, counts, horizon);
    }

    /** Refits the customer's models now (they are otherwise refitted at most every 10 minutes per replica). */
    public void retrain(CustomerId customer) {
        predictor.retrain(customer);
    }

    /**
     * Records that a conversation was escalated: the label the risk model learns from. Called by the escalation
     * module (which depends on this one; prediction must not depend on escalation: no cycle).
     */
    public void recordEscalation(CustomerId customer, ConversationId conversation, Instant at) {
        if (!enabled(customer)) {
            return;
        }
        transactions.inTenant(customer, () -> {
            store.markEscalated(customer, conversation, at);
            return null;
        });
    }

    /**
     * Gives resolved conversations that never went through the pipeline (the demo history) the predictions the live
     * pipeline would have made, message by message in the order things happened, with the model the customer had
     * at the time; their outcomes then count for calibration and training like any other. The stored predictions
     * are marked as replayed in their model name. Conversations the module already has are skipped, so a second
     * call adds nothing; nothing happens while the feature is off.
     *
     * @return how many conversations were added
     */
    public int replay(CustomerId customer, List<PastConversation> history) {
        if (!enabled(customer) || history.isEmpty()) {
            return 0;
        }
        return replay.replay(customer, history);
    }

    /** Whether the module has the conversation (from the pipeline or a {@link #replay}). */
    public boolean knows(CustomerId customer, ConversationId conversation) {
        return transactions.readInTenant(
                customer, () -> !store.known(List.of(conversation.value())).isEmpty());
    }
}

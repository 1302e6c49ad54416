package uk.co.omniops.prediction;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.prediction.internal.Forecaster;
import uk.co.omniops.prediction.internal.HistoryReplay;
import uk.co.omniops.prediction.internal.Predictor;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The prediction module's API. Everything answers "nothing" (empty, an empty table or forecast) when
 * {@code PREDICTIVE_ANALYTICS} is off for the customer.
 *
 * @see <a href="../../../../../../docs/decisions/010-predictions.md">decision 010</a>
 */
@Service
public class PredictionManagement {

    private final Predictor predictor;
    private final HistoryReplay replay;

    PredictionManagement(Predictor predictor, HistoryReplay replay) {
        this.predictor = predictor;
        this.replay = replay;
    }

    /** The latest prediction for the conversation; empty when none exists or the feature is off. */
    /**
     * The latest predicted escalation risk of each of these conversations, in one statement (conversations without a
     * prediction are absent; empty when predictions are off for the customer): the escalation rules of a batch.
     */
    public java.util.Map<ConversationId, Double> currentRisks(CustomerId customer, java.util.List<ConversationId> conversations) {
        return predictor.currentRisks(customer, conversations);
    }

    public Optional<Prediction> current(CustomerId customer, ConversationId conversation) {
        return predictor.current(customer, conversation);
    }

    /** Reliability of the customer's risk predictions over its resolved history. */
    public Calibration calibration(CustomerId customer) {
        return predictor.calibration(customer);
    }

    /** The same over every customer (platform admins; runs as platform, logged). */
    public Calibration platformCalibration() {
        return predictor.calibration(null);
    }

    /** Conversations per hour and agents needed for the next 7 days (168 hours from the current hour, UTC). */
    public VolumeForecast forecast(CustomerId customer) {
        return predictor.forecast(customer, Instant.now());
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
    public ArrivalForecast forecastArrivals(CustomerId customer, Instant start, Duration bucket, List<Long> counts,
            int horizon) {
        if (!predictor.enabled(customer)) {
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
        predictor.onEscalated(customer, conversation, at);
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
        return replay.replay(customer, history);
    }

    /** Whether the module has the conversation (from the pipeline or a {@link #replay}). */
    public boolean knows(CustomerId customer, ConversationId conversation) {
        return predictor.knows(customer, conversation);
    }
}

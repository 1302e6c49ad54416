package uk.co.omniops.prediction;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

import uk.co.omniops.conversation.ConversationId;
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

    PredictionManagement(Predictor predictor) {
        this.predictor = predictor;
    }

    /** The latest prediction for the conversation; empty when none exists or the feature is off. */
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
}

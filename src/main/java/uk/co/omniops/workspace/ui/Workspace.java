package uk.co.omniops.workspace.ui;

import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.AnalysisManagement;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.escalation.EscalationManagement;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.prediction.PredictionManagement;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.suggestion.SuggestionManagement;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;

/** The modules the workspace composes, handed to its views and panels as one. */
@Component
record Workspace(
        ConversationManagement conversations,
        TenancyManagement tenancy,
        AnalysisManagement analysis,
        EscalationManagement escalations,
        SuggestionManagement suggestions,
        FeatureFlags flags,
        LiveUpdates liveUpdates,
        PredictionManagement predictions) {

    /** What is on for a customer right now; re-read on every render so that a rollout change shows at once. */
    Features features(CustomerId customer) {
        return new Features(
                flags.isEnabled(customer, Feature.SENTIMENT_ANALYSIS),
                flags.isEnabled(customer, Feature.AUTO_CATEGORIZATION),
                flags.isEnabled(customer, Feature.AUTO_ESCALATION),
                flags.isEnabled(customer, Feature.RESPONSE_SUGGESTIONS),
                flags.isEnabled(customer, Feature.PREDICTIVE_ANALYTICS));
    }

    record Features(
            boolean sentiment, boolean categories, boolean escalation, boolean suggestions, boolean predictions) {

        boolean analysis() {
            return sentiment || categories;
        }
    }
}

package uk.co.omniops.analysis.internal;

import java.util.List;
import uk.co.omniops.analysis.model.SentimentModel;

/** The three sentiment labels, in the model's order. */
final class SentimentLabels {

    static final List<String> ALL = List.of(SentimentModel.NEGATIVE, SentimentModel.NEUTRAL, SentimentModel.POSITIVE);

    private SentimentLabels() {}
}

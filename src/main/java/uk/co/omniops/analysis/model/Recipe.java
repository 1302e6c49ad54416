package uk.co.omniops.analysis.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.co.omniops.analysis.model.TrainingData.Sample;

/**
 * A model recipe: featuriser options, whether to use the embedding, the negative offset, for
 * sentiment whether CLINC150 requests are used and the weight of our support messages, and the
 * factor the embedding is multiplied by in training (so that its head learns that much faster
 * than the n-gram weights; folded into the stored weights).
 */
record Recipe(
        String name,
        int options,
        boolean dense,
        float negativeOffset,
        boolean clinc,
        double supportWeight,
        float denseScale,
        double sourceTotal,
        float descriptionPrior) {

    Recipe(
            String name,
            int options,
            boolean dense,
            float negativeOffset,
            boolean clinc,
            double supportWeight,
            float denseScale,
            double sourceTotal) {
        this(name, options, dense, negativeOffset, clinc, supportWeight, denseScale, sourceTotal, 0f);
    }

    Recipe(String name, int options, boolean dense, float negativeOffset) {
        this(name, options, dense, negativeOffset, false, TrainingData.SUPPORT_WEIGHT, 1f);
    }

    Recipe(
            String name,
            int options,
            boolean dense,
            float negativeOffset,
            boolean clinc,
            double supportWeight,
            float denseScale) {
        this(name, options, dense, negativeOffset, clinc, supportWeight, denseScale, 0);
    }

    Recipe withOffset(float offset) {
        return new Recipe(
                name, options, dense, offset, clinc, supportWeight, denseScale, sourceTotal, descriptionPrior);
    }

    /**
     * The sentiment training samples this recipe uses out of {@code train}: support messages at
     * {@link #supportWeight}; with {@link #sourceTotal} &gt; 0 every other source's weights scaled so that the
     * source weighs that much in all (its classes keep their proportions), so no source outvotes the others by
     * its size (CLINC150's 23,700 and Bitext's 8,175 calm requests weighed 5× a VADER source).
     */
    List<Sample> sentimentSamples(List<Sample> train) {
        Map<String, Double> totals = new HashMap<>();
        for (Sample s : train) {
            totals.merge(s.source(), s.weight(), Double::sum);
        }
        List<Sample> out = new ArrayList<>(train.size());
        for (Sample s : train) {
            if (s.source().equals("clinc") && !clinc) {
                continue;
            }
            if (s.source().equals("support")) {
                out.add(
                        supportWeight != s.weight()
                                ? new Sample(s.text(), s.labels(), s.valence(), supportWeight, s.source())
                                : s);
            } else if (sourceTotal > 0) {
                out.add(new Sample(
                        s.text(),
                        s.labels(),
                        s.valence(),
                        s.weight() * sourceTotal / totals.get(s.source()),
                        s.source()));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}

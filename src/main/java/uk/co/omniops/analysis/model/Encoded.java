package uk.co.omniops.analysis.model;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A message as the models see it: its text, its sparse n-gram/lexicon/cue features and, for models
 * with an embedding head, its sentence embedding (null for n-gram-only models).
 */
record Encoded(String text, SparseVector x, float @Nullable [] embedding, boolean lowInformation) {

    /**
     * The word n-gram features customer adapters learn on: the model's own when it scores n-grams,
     * else computed here (an embedding-only model's features have none).
     */
    /**
     * The sentence vector customer adapters learn on: the mean pooling, i.e. the first {@value
     * SentenceEmbeddings#DIMENSIONS} numbers of a mean+max input ({@link SentenceEmbeddings#meanMax()}), so an
     * adapter's embedding head keeps its size, and the heads customers saved before, whatever the model's input.
     */
    float @Nullable [] adapterEmbedding() {
        return embedding == null || embedding.length <= SentenceEmbeddings.DIMENSIONS
                ? embedding
                : Arrays.copyOf(embedding, SentenceEmbeddings.DIMENSIONS);
    }

    SparseVector words() {
        for (int i = 0; i < x.size(); i++) {
            if (x.kind(i) == SparseVector.WORD) {
                return x;
            }
        }
        SparseVector w = new SparseVector();
        TextFeatures.addNgrams(TextFeatures.tokens(TextFeatures.normalise(text)), w);
        return w;
    }
}

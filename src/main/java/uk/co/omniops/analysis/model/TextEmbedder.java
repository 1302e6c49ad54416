package uk.co.omniops.analysis.model;

import java.util.List;

/**
 * Turns text into a fixed-length dense vector (a sentence embedding). Implementations are
 * thread-safe and deterministic: the same text always gives the same vector.
 */
public interface TextEmbedder {

    /** Name and version of the encoder, stored in model artefacts trained on its vectors. */
    String name();

    /** Length of every vector this embedder returns. */
    int dimensions();

    /** The embedding of {@code text}; never null, length {@link #dimensions()}. */
    float[] embed(String text);

    /** Embeddings of {@code texts} in the same order; faster per text than {@link #embed} one by one. */
    List<float[]> embedAll(List<String> texts);
}

package uk.co.omniops.analysis.model;

import java.util.List;

/** An embedder answering from {@link TrainingVectors} for known texts and from the real encoder otherwise. */
record CachedEmbedder(TextEmbedder real, TrainingVectors vectors) implements TextEmbedder {
    @Override
    public String name() {
        return real.name();
    }

    @Override
    public int dimensions() {
        return real.dimensions();
    }

    @Override
    public float[] embed(String text) {
        float[] e = vectors.byText.get(text);
        return e != null ? e : real.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }
}

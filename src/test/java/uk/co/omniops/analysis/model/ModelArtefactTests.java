package uk.co.omniops.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelArtefactTests {

    @Test
    void hybridSentimentArtefactRoundTripsToIdenticalBytesAndPredictions() throws IOException {
        SentimentModel model = SentimentModel.loadDefault();
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        model.write(first);
        SentimentModel copy =
                SentimentModel.load(new ByteArrayInputStream(first.toByteArray()), SentenceEmbeddings.shared());
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        copy.write(second);

        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
        assertThat(copy.analyse("still waiting for my refund")).isEqualTo(model.analyse("still waiting for my refund"));
        assertThat(copy.version()).isEqualTo("sentiment-v2");
        assertThat(copy.usesEmbeddings()).isTrue();
    }

    @Test
    void ngramArtefactsLoadWithoutAnEncoder() {
        SentimentModel sentiment = SentimentModel.loadNgram();
        CategoryModel categories = CategoryModel.loadNgram();

        assertThat(sentiment.version()).isEqualTo("sentiment-v1");
        assertThat(sentiment.usesEmbeddings()).isFalse();
        assertThat(sentiment.analyse("my package still hasn't arrived").label()).isEqualTo("negative");
        assertThat(categories.version()).isEqualTo("categories-v1");
        assertThat(categories.rank("my parcel is late").get(0).key()).isEqualTo("delivery");
    }

    @Test
    void categoryArtefactRoundTrips() throws IOException {
        CategoryModel model = CategoryModel.loadDefault();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);
        CategoryModel copy = CategoryModel.load(
                new ByteArrayInputStream(bytes.toByteArray()),
                SentenceEmbeddings.shared().meanMax());

        assertThat(copy.rank("my parcel is late")).isEqualTo(model.rank("my parcel is late"));
        assertThat(copy.version()).isEqualTo("categories-v3");
    }

    @Test
    void hybridArtefactNeedsItsEncoder() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SentimentModel.loadDefault().write(bytes);
        TextEmbedder other = new TextEmbedder() {
            @Override
            public String name() {
                return "another-encoder";
            }

            @Override
            public int dimensions() {
                return 384;
            }

            @Override
            public float[] embed(String text) {
                return new float[384];
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                return texts.stream().map(this::embed).toList();
            }
        };
        assertThatThrownBy(() -> SentimentModel.load(new ByteArrayInputStream(bytes.toByteArray()), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("all-minilm-l6-v2-q");
        assertThatThrownBy(() -> SentimentModel.load(new ByteArrayInputStream(bytes.toByteArray()), other))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("another-encoder");
    }

    @Test
    void loadingTheWrongKindOrGarbageFails() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CategoryModel.loadDefault().write(bytes);
        assertThatThrownBy(() ->
                        SentimentModel.load(new ByteArrayInputStream(bytes.toByteArray()), SentenceEmbeddings.shared()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("sentiment");
        ByteArrayOutputStream ngram = new ByteArrayOutputStream();
        CategoryModel.loadNgram().write(ngram);
        assertThatThrownBy(() -> SentimentModel.load(new ByteArrayInputStream(ngram.toByteArray()), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("sentiment");
        assertThatThrownBy(() -> SentimentModel.load(new ByteArrayInputStream(new byte[] {1, 2, 3}), null))
                .isInstanceOf(IOException.class);
    }
}

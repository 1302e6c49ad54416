package uk.co.omniops.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ModelArtefactTests {

    @Test
    void sentimentArtefactRoundTripsToIdenticalBytesAndPredictions() throws IOException {
        SentimentModel model = SentimentModel.loadDefault();
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        model.write(first);
        SentimentModel copy = SentimentModel.load(new ByteArrayInputStream(first.toByteArray()));
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        copy.write(second);

        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
        assertThat(copy.analyse("still waiting for my refund")).isEqualTo(model.analyse("still waiting for my refund"));
        assertThat(copy.version()).isEqualTo("sentiment-v1");
    }

    @Test
    void categoryArtefactRoundTrips() throws IOException {
        CategoryModel model = CategoryModel.loadDefault();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);
        CategoryModel copy = CategoryModel.load(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(copy.rank("my parcel is late")).isEqualTo(model.rank("my parcel is late"));
        assertThat(copy.version()).isEqualTo("categories-v1");
    }

    @Test
    void loadingTheWrongKindOrGarbageFails() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CategoryModel.loadDefault().write(bytes);
        assertThatThrownBy(() -> SentimentModel.load(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("sentiment");
        assertThatThrownBy(() -> SentimentModel.load(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class);
    }
}

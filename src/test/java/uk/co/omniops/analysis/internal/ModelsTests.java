package uk.co.omniops.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.co.omniops.analysis.AnalysisSettings;

/** The kill switch {@code omniops.analysis.embeddings.enabled}. */
class ModelsTests {

    static AnalysisSettings settings(boolean embeddings) {
        return new AnalysisSettings(
                false,
                Duration.ofSeconds(3),
                Duration.ofSeconds(30),
                new AnalysisSettings.Embeddings(embeddings, true, 100));
    }

    @Test
    void embeddingModelsByDefault() {
        var models = new Models(settings(true));

        assertThat(models.sentiment().version()).isEqualTo("sentiment-v2");
        assertThat(models.sentiment().usesEmbeddings()).isTrue();
        assertThat(models.categories().version()).isEqualTo("categories-v3");
        assertThat(models.categories().usesEmbeddings()).isTrue();
    }

    @Test
    void killSwitchFallsBackToTheNgramModels() {
        var models = new Models(settings(false));

        assertThat(models.sentiment().version()).isEqualTo("sentiment-v1");
        assertThat(models.sentiment().usesEmbeddings()).isFalse();
        assertThat(models.categories().version()).isEqualTo("categories-v1");
        assertThat(models.sentiment().analyse("my parcel still hasn't arrived").label())
                .isEqualTo("negative");
        assertThat(models.categories().classify("my parcel still hasn't arrived"))
                .isNotEmpty();
    }
}

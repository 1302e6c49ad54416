package uk.co.omniops.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEvaluationTests {

    @TempDir
    Path dir;

    @Test
    void metricsFollowTheDefinitions() {
        // gold: a a b b ; predicted: a b b b
        List<ModelEvaluation.Example> gold = List.of(ex("a"), ex("a"), ex("b"), ex("b"));
        ModelEvaluation.Report r = ModelEvaluation.evaluate(
                "sentiment",
                gold,
                List.of("a", "b"),
                text -> Map.of("1", "a", "2", "b", "3", "b", "4", "b").get(text));

        assertThat(r.n()).isEqualTo(4);
        assertThat(r.accuracy()).isEqualTo(0.75);
        assertThat(r.perClass().get("a").precision()).isEqualTo(1.0);
        assertThat(r.perClass().get("a").recall()).isEqualTo(0.5);
        assertThat(r.perClass().get("b").precision()).isEqualTo(2.0 / 3);
        assertThat(r.perClass().get("b").f1()).isEqualTo(0.8);
        assertThat(r.macroF1()).isEqualTo((2.0 / 3 + 0.8) / 2);
    }

    private int counter;

    private ModelEvaluation.Example ex(String label) {
        return new ModelEvaluation.Example(label, String.valueOf(++counter));
    }

    @Test
    void categoryFileWithUnknownLabelsIsSkippedAndJsonHasTheContractShape() throws IOException {
        Path file = dir.resolve("cats.tsv");
        Files.writeString(
                file,
                "label\ttext\nrefund\twhere is my refund\nweather\tis it sunny\n"
                        + "delivery\tmy parcel never arrived\n",
                StandardCharsets.UTF_8);

        ModelEvaluation.Report r =
                ModelEvaluation.evaluateCategories(ModelEvaluation.read(file), CategoryModel.loadDefault());
        String json = r.toJson();

        assertThat(r.n()).isEqualTo(2);
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(json)
                .startsWith("{\"task\":\"categories\",\"n\":2,\"skipped\":1,\"accuracy\":")
                .contains(
                        "\"macro_f1\":",
                        "\"per_class\":{\"delivery\":{\"precision\":",
                        "\"support\":1}",
                        "\"latency_us\":{\"p50\":",
                        "\"p99\":")
                .endsWith("}}");
    }

    @Test
    void sentimentJsonHasNoSkippedField() {
        ModelEvaluation.Report r = ModelEvaluation.evaluateSentiment(
                List.of(new ModelEvaluation.Example("negative", "my order never arrived")),
                SentimentModel.loadDefault());
        assertThat(r.toJson())
                .startsWith("{\"task\":\"sentiment\",\"n\":1,\"accuracy\":")
                .doesNotContain("skipped");
    }

    @Test
    void quotesJsonSpecialCharacters() {
        assertThat(ModelEvaluation.quote("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\n\"");
    }
}

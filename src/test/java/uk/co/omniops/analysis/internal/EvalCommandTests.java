package uk.co.omniops.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.platform.CommandArguments;

/** The standalone {@code eval} command: no Spring context, database, Redis or network. */
class EvalCommandTests {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    int eval(String... args) throws Exception {
        var command = new EvalCommand();
        assertThat(command.standalone()).isTrue();
        return command.run(
                CommandArguments.parse(List.of(args)), null, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsOneJsonObjectForSentiment() throws Exception {
        assertThat(eval("--task=sentiment", "--input=src/test/resources/eval/sentiment-ood.tsv"))
                .isZero();
        var lines = out.toString(StandardCharsets.UTF_8).strip().lines().toList();
        assertThat(lines).hasSize(1);
        var json = JsonMapper.builder().build().readTree(lines.getFirst());
        assertThat(json.get("task").asString()).isEqualTo("sentiment");
        assertThat(json.get("n").asInt()).isGreaterThan(100);
        assertThat(json.get("accuracy").asDouble()).isBetween(0.75, 1.0);
        assertThat(json.get("macro_f1").asDouble()).isBetween(0.7, 1.0);
        assertThat(json.get("per_class").propertyNames()).containsExactlyInAnyOrder("negative", "neutral", "positive");
        assertThat(json.get("per_class").get("negative").get("recall").asDouble())
                .isGreaterThanOrEqualTo(0.85);
        assertThat(json.get("latency_us").has("p50")).isTrue();
        assertThat(json.get("latency_us").has("p99")).isTrue();
    }

    @Test
    void printsOneJsonObjectForCategories() throws Exception {
        assertThat(eval("--task=categories", "--input=src/test/resources/eval/categories-ood.tsv"))
                .isZero();
        var json = JsonMapper.builder()
                .build()
                .readTree(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(json.get("task").asString()).isEqualTo("categories");
        assertThat(json.get("macro_f1").asDouble()).isBetween(0.6, 1.0);
        assertThat(json.get("per_class").has("delivery")).isTrue();
        assertThat(json.has("skipped")).isTrue();
    }

    @Test
    void adaptFromReplaysCorrectionsAndReportsTheBaseline() throws Exception {
        assertThat(eval(
                        "--task=sentiment",
                        "--input=src/test/resources/eval/adapt-gaming-input.tsv",
                        "--adapt-from=src/test/resources/eval/adapt-gaming-corrections.tsv"))
                .isZero();
        var json = JsonMapper.builder()
                .build()
                .readTree(out.toString(StandardCharsets.UTF_8).strip());
        double before = json.get("baseline").get("accuracy").asDouble();
        double after = json.get("accuracy").asDouble();

        assertThat(json.get("baseline").has("macro_f1")).isTrue();
        assertThat(json.get("corrections_applied").asInt()).isBetween(1, 24);
        assertThat(after).isGreaterThanOrEqualTo(before + 0.2);
        assertThat(json.get("n").asInt()).isEqualTo(12);
    }

    @Test
    void adaptFromWorksForCategoriesAndWithTheNgramModels() throws Exception {
        var corrections = java.nio.file.Files.createTempFile("corrections", ".tsv");
        java.nio.file.Files.writeString(corrections, """
                label	text
                complaint	the raid boss is bugged and nobody answers my tickets
                product	does the deluxe edition include the season pass?
                """);
        assertThat(eval(
                        "--task=categories",
                        "--input=src/test/resources/eval/lead-ood-categories.tsv",
                        "--adapt-from=" + corrections,
                        "--ngram"))
                .isZero();
        var json = JsonMapper.builder()
                .build()
                .readTree(out.toString(StandardCharsets.UTF_8).strip());

        assertThat(json.get("corrections_applied").asInt()).isBetween(0, 2);
        assertThat(json.get("baseline").get("accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("per_class").has("delivery")).isTrue();
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> eval("--task=emotions", "--input=src/test/resources/eval/sentiment-ood.tsv"))
                .isInstanceOf(CommandArguments.BadArgument.class)
                .hasMessageContaining("--task");
        assertThatThrownBy(() -> eval("--task=sentiment"))
                .isInstanceOf(CommandArguments.BadArgument.class)
                .hasMessageContaining("--input");
        assertThatThrownBy(() -> eval("--task=sentiment", "--input=nope.tsv"))
                .isInstanceOf(CommandArguments.BadArgument.class);
        assertThatThrownBy(() -> eval("--task=sentiment", "--input=x", "--verbose"))
                .isInstanceOf(CommandArguments.BadArgument.class);
        assertThatThrownBy(() -> eval(
                        "--task=sentiment",
                        "--input=src/test/resources/eval/sentiment-ood.tsv",
                        "--adapt-from=nope.tsv"))
                .isInstanceOf(CommandArguments.BadArgument.class)
                .hasMessageContaining("--adapt-from");
        assertThatThrownBy(() -> eval(
                        "--task=sentiment",
                        "--input=src/test/resources/eval/sentiment-ood.tsv",
                        "--adapt-from=src/test/resources/eval/sentiment-ood.tsv",
                        "--customer=acme"))
                .isInstanceOf(CommandArguments.BadArgument.class)
                .hasMessageContaining("--customer");
    }
}

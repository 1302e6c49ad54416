package uk.co.omniops.suggestion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.co.omniops.analysis.model.CategoryModel;
import uk.co.omniops.analysis.model.SentenceEmbeddings;
import uk.co.omniops.suggestion.SourceStats;
import uk.co.omniops.suggestion.Suggestion;

/**
 * Suggestions by meaning against words and categories alone, on a held-out table of realistic customer messages
 * and the replies an agent would send ({@code src/test/resources/eval/suggestions-heldout.tsv}, 106 rows, written
 * for this evaluation and never used to tune the weights; {@link SuggestionRankingTests#TABLE} is the tuning set).
 * Each message is categorised by the shipped category model, as in the product; candidates are the demo customer's
 * library and knowledge snippets. Prints the top-1/top-3 hit rates before and after (decision 006, "By meaning"):
 * {@code ./mvnw test -Dtest=SuggestionMeaningEvaluationTests}.
 */
class SuggestionMeaningEvaluationTests {

    record Row(String customer, String message, Set<String> good) {}

    record Score(int top1, int top3, int rows, List<String> misses) {
        double top3Rate() {
            return (double) top3 / rows;
        }

        String rates() {
            return "top-1 %.3f, top-3 %.3f (n = %d)".formatted((double) top1 / rows, top3Rate(), rows);
        }
    }

    static final CategoryModel CATEGORIES = CategoryModel.loadDefault();
    static final Meanings MEANINGS =
            new Meanings(t -> Optional.of(SentenceEmbeddings.shared().embed(t)));

    static List<Row> heldOut() throws IOException {
        try (var in = SuggestionMeaningEvaluationTests.class.getResourceAsStream("/eval/suggestions-heldout.tsv")) {
            var rows = new ArrayList<Row>();
            for (var line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                var f = line.split("\t");
                rows.add(new Row(f[0], f[1], Set.copyOf(Arrays.asList(f[2].split("\\|")))));
            }
            return rows;
        }
    }

    static List<Ranker.Candidate> candidates(String customer) {
        var out = new ArrayList<Ranker.Candidate>();
        for (var e : DemoLibrary.LIBRARY.get(customer)) {
            out.add(new Ranker.Candidate(
                    Suggestion.LIBRARY, e.title(), e.title(), e.body(), e.categories(), SourceStats.NONE, null, ""));
        }
        for (var k : DemoLibrary.KNOWLEDGE.get(customer)) {
            out.add(new Ranker.Candidate(
                    Suggestion.KNOWLEDGE,
                    k.title(),
                    k.title(),
                    k.body(),
                    k.categories(),
                    SourceStats.NONE,
                    null,
                    "article"));
        }
        return out;
    }

    static List<String> top3(Row row, boolean byMeaning) {
        var cats = new LinkedHashMap<String, Double>();
        CATEGORIES.classify(row.message()).forEach(c -> cats.merge(c.key(), c.confidence(), Math::max));
        var meaning = byMeaning ? MEANINGS.of(row.message()) : Ranker.Meaning.NONE;
        return Ranker.rank(row.message(), cats, candidates(row.customer()), Ranker.DEFAULT_PRIOR, 3, meaning).stream()
                .map(r -> r.candidate().title())
                .toList();
    }

    static Score score(List<Row> rows, boolean byMeaning) {
        int top1 = 0;
        int top3 = 0;
        var misses = new ArrayList<String>();
        for (var row : rows) {
            var titles = top3(row, byMeaning);
            if (!titles.isEmpty() && row.good().contains(titles.getFirst())) {
                top1++;
            }
            if (titles.stream().anyMatch(row.good()::contains)) {
                top3++;
            } else {
                misses.add(row.message() + " → " + titles);
            }
        }
        return new Score(top1, top3, rows.size(), misses);
    }

    static List<Row> tuningSet() {
        return SuggestionRankingTests.TABLE.stream()
                .map(r -> new Row(r.customer(), r.message(), r.good()))
                .toList();
    }

    @Test
    void byMeaningFindsTheRightReplyMoreOftenOnTheHeldOutTable() throws IOException {
        var rows = heldOut();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(100);
        var before = score(rows, false);
        var after = score(rows, true);
        var tuningBefore = score(tuningSet(), false);
        var tuningAfter = score(tuningSet(), true);
        System.out.println("SUGGESTION EVAL held-out, words + categories: " + before.rates());
        System.out.println("SUGGESTION EVAL held-out, by meaning:         " + after.rates());
        System.out.println("SUGGESTION EVAL tuning set, words + categories: " + tuningBefore.rates());
        System.out.println("SUGGESTION EVAL tuning set, by meaning:         " + tuningAfter.rates());
        before.misses().forEach(m -> System.out.println("  miss before: " + m));
        after.misses().forEach(m -> System.out.println("  miss after:  " + m));

        assertThat(after.top3()).isGreaterThan(before.top3());
        assertThat(after.top3Rate()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void aRouterThatKeepsDroppingIsNotOfferedThePasswordReset() {
        var row = new Row(
                "techsupport-co",
                "My router keeps dropping the connection",
                Set.of("Wi-Fi and connection troubleshooting"));
        var titles = top3(row, true);
        assertThat(titles).first().isEqualTo("Wi-Fi and connection troubleshooting");
        assertThat(titles).doesNotContain("Password reset and locked account", "Resetting a password");
        System.out.println("ROUTER before: " + top3(row, false) + " · after: " + titles);
    }

    @Test
    void withoutVectorsTheRankingIsTheWordsAndCategoriesOne() throws IOException {
        var none = new Meanings(t -> Optional.empty());
        var row = heldOut().getFirst();
        var cats = Map.of("technical", 0.9);
        assertThat(Ranker.rank(
                        row.message(),
                        cats,
                        candidates(row.customer()),
                        Ranker.DEFAULT_PRIOR,
                        3,
                        none.of(row.message())))
                .isEqualTo(Ranker.rank(row.message(), cats, candidates(row.customer()), Ranker.DEFAULT_PRIOR, 3));
    }
}

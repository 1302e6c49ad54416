package uk.co.omniops.suggestion.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import uk.co.omniops.analysis.model.CategoryModel;
import uk.co.omniops.bench.BenchTexts;
import uk.co.omniops.suggestion.SourceStats;
import uk.co.omniops.suggestion.Suggestion;

/**
 * The in-process part of a suggestion batch, as {@code SuggestionService.compute} runs it after its database reads:
 * rank the customer's reply library (the largest demo library, all customers' entries together, with the message's
 * categories from the shipped model) and fill the variables of the three shown replies. The knowledge and past-reply
 * candidates are scored by PostgreSQL full-text search and are not part of this figure.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class SuggestionBenchmark {

    private List<Ranker.Candidate> candidates;
    private CategoryModel categories;
    private BenchTexts.Cursor texts;
    private VariableFiller.Facts facts;

    @Setup
    public void setUp() {
        candidates = new ArrayList<>();
        int i = 0;
        for (var entries : DemoLibrary.LIBRARY.values()) {
            for (var e : entries) {
                candidates.add(new Ranker.Candidate(Suggestion.LIBRARY, "entry-" + i, e.title(), e.body(),
                        e.categories(), new SourceStats(20 + i % 7, 5 + i % 5, i % 3, 10 - i % 4), null, ""));
                i++;
            }
        }
        categories = CategoryModel.loadDefault();
        texts = new BenchTexts.Cursor(BenchTexts.load());
        facts = VariableFiller.facts("Ann Example", "ann@example.com", List.of("my order 12345 has not arrived"),
                "Sam Agent", "TechSupport Co");
    }

    /** Library size the ranking ran over (printed once by bench/jmh.sh for the record). */
    public static int librarySize() {
        return DemoLibrary.LIBRARY.values().stream().mapToInt(List::size).sum();
    }

    @Benchmark
    public List<String> suggestions() {
        var text = texts.next();
        var cats = new LinkedHashMap<String, Double>();
        for (var c : categories.classify(text)) {
            cats.put(c.key(), c.confidence());
        }
        var top = Ranker.rank(text, cats, candidates, 0.3, 3);
        var shown = new ArrayList<String>(top.size());
        for (var r : top) {
            shown.add(VariableFiller.fill(r.candidate().text(), facts));
        }
        return shown;
    }

    /** Ranking alone, with the categories already known (they come from the analysis event). */
    @Benchmark
    public List<Ranker.Ranked> rankingOnly() {
        return Ranker.rank(texts.next(), Map.of("billing", 0.8), candidates, 0.3, 3);
    }
}

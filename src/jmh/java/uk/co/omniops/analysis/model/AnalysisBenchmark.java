package uk.co.omniops.analysis.model;

import java.util.List;
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

import uk.co.omniops.bench.BenchTexts;

/**
 * The shipped in-process models on one message, exactly as {@code MessageAnalyser} calls them (with the
 * customer's adapter; a fresh one, as for a customer without corrections).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class AnalysisBenchmark {

    private SentimentModel sentiment;
    private CategoryModel categories;
    private CustomerAdapter adapter;
    private BenchTexts.Cursor texts;

    @Setup
    public void setUp() {
        sentiment = SentimentModel.loadDefault();
        categories = CategoryModel.loadDefault();
        adapter = new CustomerAdapter();
        texts = new BenchTexts.Cursor(BenchTexts.load());
    }

    @Benchmark
    public SentimentResult sentiment() {
        return sentiment.analyse(texts.next(), adapter);
    }

    @Benchmark
    public List<CategoryScore> categories() {
        return categories.classify(texts.next(), adapter);
    }
}

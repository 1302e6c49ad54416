package uk.co.omniops.prediction.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
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
import uk.co.omniops.analysis.model.SentimentModel;
import uk.co.omniops.bench.BenchTexts;
import uk.co.omniops.prediction.Prediction;

/**
 * The in-process part of a prediction, as {@code Predictor.onAnalysed} runs it per analysed message: features of the
 * conversation so far (its sentiment scores and categories, here from the shipped models over 1–6 real messages) and
 * the customer's three linear models (trained on 2,000 synthetic resolved conversations, so every weight is in use).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PredictionBenchmark {

    private record Conversation(List<Double> scores, java.util.Set<String> categories, int messages, boolean vip,
            int priority) {}

    private final List<Conversation> conversations = new ArrayList<>();
    private CustomerModels models;
    private int next;
    private Instant now;

    @Setup
    public void setUp() {
        var texts = BenchTexts.load();
        var sentiment = SentimentModel.loadDefault();
        var categories = CategoryModel.loadDefault();
        var random = new Random(7);
        int t = 0;
        while (t < texts.size()) {
            int n = 1 + random.nextInt(6);
            var scores = new ArrayList<Double>();
            var cats = new HashSet<String>();
            for (int i = 0; i < n && t < texts.size(); i++, t++) {
                scores.add(sentiment.analyse(texts.get(t)).score());
                categories.classify(texts.get(t)).forEach(c -> cats.add(c.key()));
            }
            conversations.add(new Conversation(List.copyOf(scores), cats, 2 * scores.size(), random.nextInt(10) == 0,
                    random.nextInt(4)));
        }
        var history = new ArrayList<PredictionStore.Outcome>();
        for (int i = 0; i < 2_000; i++) {
            var c = conversations.get(i % conversations.size());
            var x = Features.of(new Features.Input(c.scores(), c.categories(), random.nextDouble() * 90, c.messages(),
                    c.vip(), c.priority(), random.nextInt(24)));
            boolean escalated = x[1] > 0.6 && random.nextDouble() < 0.7;
            history.add(new PredictionStore.Outcome(x, escalated, null, 5 + random.nextDouble() * 120,
                    escalated ? 2.0 : 4.0 + random.nextDouble()));
        }
        models = CustomerModels.train(history);
        now = Instant.parse("2026-11-28T14:00:00Z");
    }

    @Benchmark
    public Prediction prediction() {
        var c = conversations.get(next);
        next = next + 1 == conversations.size() ? 0 : next + 1;
        var x = Features.of(new Features.Input(c.scores(), c.categories(), 12.5, c.messages(), c.vip(), c.priority(),
                14));
        return models.predict(x, now);
    }
}

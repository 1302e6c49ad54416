package uk.co.omniops.analysis.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.analysis.MessageSource.MessageText;
import uk.co.omniops.analysis.model.CustomerAdapter;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The models' answers for one message, outside any transaction (an OpenAI call may take seconds), timed into
 * {@link MessageAnalyser#SENTIMENT_LATENCY} and {@link MessageAnalyser#CATEGORIES_LATENCY}; and the names of the
 * models that answered, as {@link MessageAnalysed} carries them.
 */
@Component
class ModelRun {

    private final Models models;
    private final SentimentAnalyser sentiment;
    private final Timer sentimentTimer;
    private final Timer categoriesTimer;

    ModelRun(Models models, SentimentAnalyser sentiment, MeterRegistry meters) {
        this.models = models;
        this.sentiment = sentiment;
        this.sentimentTimer = Timer.builder(MessageAnalyser.SENTIMENT_LATENCY)
                .description("Sentiment analysis of one message")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(meters);
        this.categoriesTimer = Timer.builder(MessageAnalyser.CATEGORIES_LATENCY)
                .description("Categorisation of one message")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(meters);
    }

    /** Sentiment when on, categories (without retired ones) when {@code retired} is given. */
    AnalysisStore.ModelResult compute(
            CustomerId customer,
            MessageText message,
            CustomerAdapter adapter,
            boolean sentimentOn,
            @Nullable Set<String> retired) {
        MessageAnalysed.Sentiment sentimentResult = null;
        var micros = 0L;
        if (sentimentOn) {
            var started = System.nanoTime();
            var r = sentiment.analyse(customer, message.text(), adapter);
            micros = (System.nanoTime() - started) / 1_000;
            sentimentTimer.record(micros, TimeUnit.MICROSECONDS);
            sentimentResult = new MessageAnalysed.Sentiment(
                    r.score(),
                    r.label(),
                    r.confidence(),
                    r.model() + (adapter.corrections() > 0 && !r.model().startsWith("openai:") ? "+adapter" : ""));
        }
        List<MessageAnalysed.Category> categories = List.of();
        if (retired != null) {
            var started = System.nanoTime();
            categories = models.categories().classify(message.text(), adapter).stream()
                    .filter(c -> !retired.contains(c.key()))
                    .map(c -> new MessageAnalysed.Category(c.key(), c.confidence(), "model"))
                    .toList();
            categoriesTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        return new AnalysisStore.ModelResult(message.id(), sentimentResult, micros, categories);
    }

    /** The models that produced a result: the sentiment's, and the categories' version when categories are on. */
    List<String> names(AnalysisStore.ModelResult result, boolean categoriesOn, CustomerAdapter adapter) {
        var names = new ArrayList<String>();
        if (result.sentiment() != null) {
            names.add(result.sentiment().model());
        }
        if (categoriesOn) {
            names.add(models.categories().version() + (adapter.corrections() > 0 ? "+adapter" : ""));
        }
        return List.copyOf(names);
    }
}

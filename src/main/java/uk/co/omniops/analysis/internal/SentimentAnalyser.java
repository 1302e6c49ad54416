package uk.co.omniops.analysis.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.AiGateway;
import uk.co.omniops.analysis.AnalysisSettings;
import uk.co.omniops.analysis.model.CustomerAdapter;
import uk.co.omniops.analysis.model.SentimentResult;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Chooses the sentiment engine per message: the in-process model with the customer's adapter, or — when
 * {@code OPENAI_API_KEY} is set and {@code omniops.analysis.openai-sentiment-enabled=true} — OpenAI with the
 * in-process model as fallback. Agents' corrections always win: when the adapter changes the in-process answer
 * for a text, that answer is used without asking OpenAI.
 */
@Component
class SentimentAnalyser implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SentimentAnalyser.class);

    private final Models models;
    private final @Nullable OpenAiSentimentEngine openAi;

    SentimentAnalyser(Models models, AiGateway gateway, AnalysisSettings settings, MeterRegistry meters) {
        this.models = models;
        var model = gateway.settings().modelSentiment();
        this.openAi = settings.openaiSentimentEnabled()
                ? gateway.channel(OpenAiSentimentEngine.FEATURE, model, settings.openaiTimeout(), AiGateway.Format.JSON)
                        .map(channel -> new OpenAiSentimentEngine(channel, Clock.systemUTC()))
                        .orElse(null)
                : null;
        if (openAi != null) {
            log.info("Sentiment: OpenAI {} with the in-process model as fallback", model);
        }
        Gauge.builder(
                        OpenAiSentimentEngine.AVAILABILITY_METRIC,
                        this,
                        a -> a.openAi == null ? 1.0 : a.openAi.availability())
                .description("Share of successful external model calls over the last 5 minutes (1 when unused)")
                .register(meters);
    }

    SentimentResult analyse(CustomerId customer, String text, CustomerAdapter adapter) {
        var adapted = models.sentiment().analyse(text, adapter);
        if (openAi == null) {
            return adapted;
        }
        if (adapter.corrections() > 0
                && !adapted.label().equals(models.sentiment().analyse(text).label())) {
            return adapted;
        }
        return openAi.analyse(customer, text).orElse(adapted);
    }

    @Override
    public void destroy() {
        if (openAi != null) {
            openAi.close();
        }
    }
}

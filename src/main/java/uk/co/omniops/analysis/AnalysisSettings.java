package uk.co.omniops.analysis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The analysis pipeline's settings ({@code omniops.analysis.*}).
 *
 * @param openaiSentimentEnabled use OpenAI for sentiment when a key is configured (else always in-process)
 * @param openaiTimeout how long one OpenAI call may take before the in-process model answers instead
 * @param adapterCacheTtl how long a replica trusts its cached customer adapter without a {@code model.adapted} update
 * @param embeddings the in-process sentence encoder behind the default sentiment and category models
 */
@Validated
@ConfigurationProperties("omniops.analysis")
public record AnalysisSettings(
        @DefaultValue("false") boolean openaiSentimentEnabled,
        @DefaultValue("3s") Duration openaiTimeout,
        @DefaultValue("30s") Duration adapterCacheTtl,
        @DefaultValue Embeddings embeddings) {

    /**
     * {@code omniops.analysis.embeddings.*}.
     *
     * @param enabled {@code false} is the kill switch: no encoder is loaded and the n-gram models
     *        ({@code sentiment-v1}, {@code categories-v1}) answer instead
     */
    public record Embeddings(@DefaultValue("true") boolean enabled) {}
}

package uk.co.omniops.analysis;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
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
        @DefaultValue @Valid Embeddings embeddings) {

    /**
     * {@code omniops.analysis.embeddings.*}.
     *
     * @param enabled {@code false} is the kill switch: no encoder is loaded and the n-gram models
     *        ({@code sentiment-v1}, {@code categories-v1}) answer instead
     * @param backfill whether each start queues the vector backfill: analysed contact messages without a sentence
     *        vector (analysed before V14 or under the kill switch) get one, as background jobs
     * @param backfillRate at most this many messages a second are encoded by the vector backfill on one replica
     *        (≈ 3 ms of CPU each: 100 a second is ≈ 30 % of one core)
     */
    public record Embeddings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("true") boolean backfill,
            @DefaultValue("100") @Positive int backfillRate) {}
}

package uk.co.omniops.analysis;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The optional OpenAI engine. Without {@code OPENAI_API_KEY} every AI feature runs on the in-process
 * models only; with it, each feature still falls back to them on timeout or error.
 */
@Validated
@ConfigurationProperties("omniops.ai")
public record AiSettings(
        @Nullable String openaiApiKey,
        @Nullable String openaiOrganization,
        @NotBlank @DefaultValue("gpt-4o-mini") String modelSentiment,
        @NotBlank @DefaultValue("gpt-4o") String modelSuggestions,
        @NotBlank @DefaultValue("gpt-4o-mini") String modelPredictions) {

    /** True when a real key is configured (Spring AI itself is given a placeholder otherwise). */
    public boolean openaiConfigured() {
        return openaiApiKey != null && !openaiApiKey.isBlank() && !openaiApiKey.equals("not-set");
    }
}

package uk.co.omniops.suggestion;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param generationTimeout how long an LLM draft may take ({@code SUGGESTION_GENERATION_TIMEOUT}, ms) */
@Validated
@ConfigurationProperties("omniops.suggestions")
public record SuggestionSettings(@DefaultValue("5000ms") Duration generationTimeout) {}

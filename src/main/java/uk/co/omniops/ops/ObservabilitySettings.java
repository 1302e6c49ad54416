package uk.co.omniops.ops;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Datadog and Sentry: each is on only when its key is set. */
@Validated
@ConfigurationProperties("omniops.observability")
public record ObservabilitySettings(
        @Nullable String datadogApiKey, @Nullable String sentryDsn) {}

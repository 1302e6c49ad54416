package uk.co.omniops.shell;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Browser sign-in that survives the loss of the server-side session (the instance stopped, the proxy sent the
 * browser to another replica): a remember-me cookie signed with {@code rememberMeKey}, which must be the same on
 * every replica ({@code REMEMBER_ME_KEY}), valid for {@code rememberMeValidity}.
 *
 * @see "docs/decisions/012-session-recovery.md"
 */
@Validated
@ConfigurationProperties("omniops.security")
public record SessionSettings(
        @NotBlank String rememberMeKey, @DefaultValue("12h") Duration rememberMeValidity) {}

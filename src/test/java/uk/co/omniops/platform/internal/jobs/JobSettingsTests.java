package uk.co.omniops.platform.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.co.omniops.platform.JobSettings;

/** The queue's pure logic: exponential backoff with a cap. */
class JobSettingsTests {

    final JobSettings settings = new JobSettings(
            5,
            Duration.ofSeconds(2),
            Duration.ofMinutes(5),
            4,
            1,
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            Duration.ofMinutes(5),
            200);

    @Test
    void backoffDoublesPerAttemptUpToTheCap() {
        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(settings.backoffAfter(30)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.backoffAfter(0)).isEqualTo(Duration.ofSeconds(2));
    }
}

package uk.co.omniops.prediction.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The prediction's factors as an agent reads them: counts with the right plural, sentiment in words. */
class FactorTextsTests {

    @Test
    void oneNegativeMessageIsSingularAndSentimentIsSaidInWords() {
        var x = Features.of(new Features.Input(List.of(0.03), Set.of(), 0, 1, false, 1, 12));
        assertThat(Features.describe(3, x)).isEqualTo("1 negative message in a row");
        assertThat(Features.describe(6, x)).isEqualTo("1 message");
        assertThat(Features.describe(1, x)).isEqualTo("latest message very negative");
        var three = Features.of(new Features.Input(List.of(0.9, 0.3, 0.2, 0.1), Set.of(), 0, 4, false, 1, 12));
        assertThat(Features.describe(3, three)).isEqualTo("3 negative messages in a row");
        assertThat(Features.describe(4, three)).isEqualTo("mood dropped sharply");
        assertThat(List.of(1, 2, 4).stream().map(i -> Features.describe(i, three)))
                .noneMatch(text -> text.matches(".*\\d\\.\\d.*"));
    }
}

package uk.co.omniops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTests {

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Plural.count(1, "negative message")).isEqualTo("1 negative message");
        assertThat(Plural.count(0, "negative message")).isEqualTo("0 negative messages");
        assertThat(Plural.count(3, "resolved conversation")).isEqualTo("3 resolved conversations");
        assertThat(Plural.count(2, "reply")).isEqualTo("2 replies");
        assertThat(Plural.count(2, "day")).isEqualTo("2 days");
        assertThat(Plural.noun(1, "correction")).isEqualTo("correction");
    }
}

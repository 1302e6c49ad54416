package uk.co.omniops.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFeaturesTests {

    @Test
    void tokensDropApostrophesSqueezeElongationsAndKeepEmoji() {
        assertThat(TextFeatures.tokens("I can't waaaait!!! 😍")).containsExactly("I", "cant", "waait", "!!", "😍");
    }

    @Test
    void normaliseReplacesUrlsMentionsAndEmails() {
        assertThat(TextFeatures.normalise("@ShopCo see https://x.co/abc or mail a@b.com"))
                .isEqualTo(" xuser  see  xurl  or mail  xemail ");
    }

    @Test
    void hashingIsStable() {
        assertThat(TextFeatures.named("bias"))
                .isEqualTo(TextFeatures.named("bias"))
                .isBetween(0, TextFeatures.DIMENSIONS - 1);
    }
}

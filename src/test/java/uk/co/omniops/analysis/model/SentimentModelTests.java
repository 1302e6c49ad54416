package uk.co.omniops.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentimentModelTests {

    private final SentimentModel model = SentimentModel.loadDefault();

    @Test
    void angryMessageIsNegative() {
        SentimentResult r = model.analyse("This is the WORST service ever, I am furious!!!");
        assertThat(r.label()).isEqualTo("negative");
        assertThat(r.score()).isLessThan(0.4);
    }

    @Test
    void problemDescriptionIsNegative() {
        assertThat(model.analyse("my package still hasn't arrived").label()).isEqualTo("negative");
        assertThat(model.analyse("been charged twice for one order").label()).isEqualTo("negative");
        assertThat(model.analyse("the app keeps crashing").label()).isEqualTo("negative");
    }

    @Test
    void sarcasmIsNegative() {
        assertThat(model.analyse("great, another delay, thanks a lot").label()).isEqualTo("negative");
    }

    @Test
    void plainQuestionIsNeutral() {
        assertThat(model.analyse("how do I change my address?").label()).isEqualTo("neutral");
        // EscalationIntegrationTests opens its conversation with this and relies on it not escalating
        assertThat(model.analyse("How do I change my delivery address?").score()).isGreaterThan(0.4);
    }

    @Test
    void thanksArePositive() {
        SentimentResult r = model.analyse("Thank you so much, really helpful!");
        assertThat(r.label()).isEqualTo("positive");
        assertThat(r.score()).isGreaterThan(0.6);
    }

    @Test
    void negatedNegativeIsNotNegative() {
        assertThat(model.analyse("not bad at all, thanks").label()).isNotEqualTo("negative");
    }

    @Test
    void emojiCarrySentiment() {
        assertThat(model.analyse("thanks 😍😍").label()).isEqualTo("positive");
        assertThat(model.analyse("order late again 😡😡").label()).isEqualTo("negative");
    }

    @Test
    void resultIsWithinContract() {
        SentimentResult r = model.analyse("");
        assertThat(r.score()).isBetween(0.0, 1.0);
        assertThat(r.confidence()).isBetween(0.0, 1.0);
        assertThat(r.label()).isIn("negative", "neutral", "positive");
        assertThat(r.model()).isEqualTo("sentiment-v1");
    }
}

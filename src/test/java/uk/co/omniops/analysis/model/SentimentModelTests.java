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
        assertThat(model.analyse("How do I change my delivery address?").score())
                .isGreaterThan(0.4);
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
        assertThat(r.model()).isEqualTo("sentiment-v2");
    }

    @Test
    void scoreReflectsIntensityOnTheLabelsSide() {
        SentimentResult fury =
                model.analyse("This is DISGUSTING. Three weeks, no refund, no reply. You are thieves!!!");
        SentimentResult calm = model.analyse("my order arrived with one item missing");
        SentimentResult question = model.analyse("what time do you open on Sunday?");

        assertThat(fury.label()).isEqualTo("negative");
        assertThat(calm.label()).isEqualTo("negative");
        assertThat(fury.score()).isLessThan(calm.score() - 0.1);
        assertThat(calm.score()).isBetween(0.25, 0.49);
        assertThat(question.score()).isBetween(0.35, 0.65);
    }

    @Test
    void lowInformationMessagesGetLowConfidence() {
        for (String text : new String[] {"??", "ok", "👍", "https://t.co/x1y2z3", "@ShopCo"}) {
            assertThat(model.analyse(text).confidence())
                    .as(text)
                    .isLessThanOrEqualTo(SentimentModel.LOW_INFORMATION_CONFIDENCE);
        }
        assertThat(model.analyse("thanks, that fixed it").confidence())
                .isGreaterThan(SentimentModel.LOW_INFORMATION_CONFIDENCE);
    }

    @Test
    void generalStatementsAreNeutral() {
        assertThat(model.analyse("The meeting has been moved to Thursday at 3pm.")
                        .label())
                .isEqualTo("neutral");
        assertThat(model.analyse("Watching the match tonight with my brother").label())
                .isEqualTo("neutral");
    }
}

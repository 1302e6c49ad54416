package uk.co.omniops.escalation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.co.omniops.tenancy.CustomerId;

/** Every condition type, the thresholds at their boundaries, AND/OR, JSON round trips and the retry schedule. */
class EscalationRulesTests {

    final RuleEvaluator rules = new RuleEvaluator(0.3, 0.7);
    final Condition sentiment = new Condition.Sentiment(null, null);

    static Facts.Signal signal(double score, double confidence) {
        return new Facts.Signal(
                score, score <= 0.3 ? "negative" : score < 0.6 ? "neutral" : "positive", confidence, Set.of());
    }

    static Facts message(Facts.Signal current, String text) {
        return new Facts(current, text, List.of(current), null, false, null);
    }

    @ParameterizedTest
    @CsvSource({
        "0.30, 0.70, true", // both exactly at the boundary: escalates
        "0.31, 0.90, false", // just above the threshold
        "0.12, 0.69, false", // confident enough? no: 0.69 does not count
        "0.00, 1.00, true",
        "0.2999, 0.7001, true"
    })
    void escalatesWhenSentimentIsAtOrBelowThresholdWithEnoughConfidence(
            double score, double confidence, boolean escalates) {
        assertThat(rules.evaluate(sentiment, message(signal(score, confidence), "meh"))
                        .isPresent())
                .isEqualTo(escalates);
    }

    @Test
    void reasonSaysHowAngryAndARedactedExcerpt() {
        var reason = rules.evaluate(
                sentiment,
                message(
                        signal(0.12, 0.91),
                        "This is useless, call me on 07700 900123 or mail ann@example.com, I have waited for two whole weeks now"));
        assertThat(reason).isPresent();
        assertThat(reason.get())
                .startsWith("furious message (score 0.12) on “This is useless")
                .doesNotContain("ann@example.com")
                .doesNotContain("07700 900123")
                .endsWith("…”");
    }

    @Test
    void perRuleThresholdOverridesTheDefault() {
        var strict = new Condition.Sentiment(0.1, 0.9);
        assertThat(rules.evaluate(strict, message(signal(0.2, 0.95), "about my order")))
                .isEmpty();
        assertThat(rules.evaluate(strict, message(signal(0.1, 0.9), "about my order")))
                .isPresent();
    }

    @Test
    void noSentimentNoMatch() {
        var none = new Facts.Signal(null, null, null, Set.of());
        assertThat(rules.evaluate(sentiment, message(none, "about my order"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "I will call my LAWYER",
                "Lawyer.",
                "a chargeback, then",
                "I want to CANCEL   MY account!",
                "let me speak to a manager please"
            })
    void keywordsMatchCaseInsensitiveWholeWords(String text) {
        var keywords = new Condition.Keywords(DefaultRules.ESCALATION_PHRASES);
        assertThat(rules.evaluate(keywords, message(signal(0.9, 0.9), text))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my lawyers' fees", "chargebacks are rare", "cancel my accountant", "pseudonym", "issue"})
    void keywordsDoNotMatchInsideOtherWords(String text) {
        var keywords = new Condition.Keywords(List.of("lawyer", "chargeback", "cancel my account", "sue"));
        assertThat(rules.evaluate(keywords, message(signal(0.9, 0.9), text))).isEmpty();
    }

    @Test
    void consecutiveNegativesNeedAllOfTheLastNConfidentlyNegative() {
        var three = new Condition.ConsecutiveNegative(3);
        var neg = signal(0.1, 0.9);
        var unsure = signal(0.1, 0.69);
        var pos = signal(0.8, 0.9);
        assertThat(rules.evaluate(
                        three, new Facts(neg, "about my order", List.of(pos, neg, neg, neg), null, false, null)))
                .isPresent();
        assertThat(rules.evaluate(
                        three, new Facts(neg, "about my order", List.of(neg, pos, neg, neg), null, false, null)))
                .isEmpty();
        assertThat(rules.evaluate(
                        three, new Facts(neg, "about my order", List.of(neg, unsure, neg), null, false, null)))
                .isEmpty();
        assertThat(rules.evaluate(three, new Facts(neg, "about my order", List.of(neg, neg), null, false, null)))
                .isEmpty();
    }

    @Test
    void sentimentDropMustExceedDelta() {
        var drop = new Condition.SentimentDrop(0.5);
        var now = signal(0.2, 0.9);
        assertThat(rules.evaluate(
                        drop, new Facts(now, "about my order", List.of(signal(0.8, 0.9), now), null, false, null)))
                .isPresent();
        assertThat(rules.evaluate(
                        drop, new Facts(now, "about my order", List.of(signal(0.7, 0.9), now), null, false, null)))
                .isEmpty();
        // an unconfident earlier high does not count
        assertThat(rules.evaluate(
                        drop, new Facts(now, "about my order", List.of(signal(0.9, 0.5), now), null, false, null)))
                .isEmpty();
    }

    @Test
    void categoryInSet() {
        var category = new Condition.Category(Set.of("human_agent", "complaint"));
        var asksHuman = new Facts.Signal(0.5, "neutral", 0.9, Set.of("human_agent", "billing"));
        assertThat(rules.evaluate(category, message(asksHuman, "about my order")))
                .hasValue("category human_agent on “about my order”");
        assertThat(rules.evaluate(
                        category, message(new Facts.Signal(0.5, "neutral", 0.9, Set.of("billing")), "about my order")))
                .isEmpty();
    }

    @Test
    void waitingMoreThanTMinutes() {
        var waiting = new Condition.Waiting(15);
        assertThat(rules.evaluate(waiting, new Facts(null, null, List.of(), Duration.ofMinutes(15), false, null)))
                .isEmpty();
        assertThat(rules.evaluate(
                        waiting,
                        new Facts(null, null, List.of(), Duration.ofMinutes(15).plusSeconds(1), false, null)))
                .isPresent();
        assertThat(rules.evaluate(waiting, new Facts(null, null, List.of(), null, false, null)))
                .isEmpty();
        assertThat(RuleEvaluator.needsScheduler(new Condition.All(List.of(new Condition.Vip(), waiting))))
                .isTrue();
        assertThat(RuleEvaluator.needsScheduler(sentiment)).isFalse();
    }

    @Test
    void waitingWithoutMinutesMeasuresAgainstTheCustomersFirstResponseSla() {
        var pastSla = Condition.parse("{\"type\":\"waiting\"}");
        assertThat(pastSla).isEqualTo(Condition.Waiting.pastSla());
        assertThat(Condition.toJson(pastSla)).isEqualTo("{\"type\":\"waiting\"}");
        assertThat(Condition.describe(pastSla, 0.3, 0.7))
                .isEqualTo("waiting past the first-response SLA without a reply");
        var waited = new Facts(null, null, List.of(), Duration.ofMinutes(20), false, null);
        assertThat(rules.evaluate(pastSla, waited.withSla(Duration.ofMinutes(20))))
                .isEmpty();
        assertThat(rules.evaluate(pastSla, waited.withSla(Duration.ofMinutes(10))))
                .hasValue("waiting 20 min for a reply, 10 min past the 10-min first-response SLA");
        // without a customer SLA: the default 30 minutes
        assertThat(rules.evaluate(pastSla, waited)).isEmpty();
        assertThat(rules.evaluate(pastSla, new Facts(null, null, List.of(), Duration.ofMinutes(31), false, null)))
                .isPresent();
        assertThat(RuleEvaluator.needsScheduler(pastSla)).isTrue();
        assertThat(RuleEvaluator.usesSla(new Condition.Any(List.of(new Condition.Vip(), pastSla))))
                .isTrue();
        assertThat(RuleEvaluator.usesSla(new Condition.Waiting(15))).isFalse();
    }

    @Test
    void vipAndPredictedRisk() {
        assertThat(rules.evaluate(new Condition.Vip(), new Facts(null, null, List.of(), null, true, null)))
                .isPresent();
        assertThat(rules.evaluate(new Condition.Vip(), new Facts(null, null, List.of(), null, false, null)))
                .isEmpty();
        var risk = new Condition.Risk(0.8);
        assertThat(rules.evaluate(risk, new Facts(null, null, List.of(), null, false, 0.8)))
                .isPresent();
        assertThat(rules.evaluate(risk, new Facts(null, null, List.of(), null, false, 0.79)))
                .isEmpty();
        assertThat(rules.evaluate(risk, new Facts(null, null, List.of(), null, false, null)))
                .isEmpty();
    }

    @Test
    void andNeedsEveryChildOrNeedsOne() {
        var angry = signal(0.1, 0.9);
        var vipAngry = new Facts(angry, "about my order", List.of(angry), null, true, null);
        var plainAngry = new Facts(angry, "about my order", List.of(angry), null, false, null);
        var and = new Condition.All(List.of(new Condition.Vip(), sentiment));
        var or = new Condition.Any(List.of(new Condition.Vip(), new Condition.Keywords(List.of("lawyer"))));
        assertThat(rules.evaluate(and, vipAngry)).isPresent();
        assertThat(rules.evaluate(and, plainAngry)).isEmpty();
        assertThat(rules.evaluate(or, vipAngry)).isPresent();
        assertThat(rules.evaluate(or, plainAngry)).isEmpty();
        assertThat(rules.evaluate(and, vipAngry).get()).startsWith("VIP contact and furious message (score 0.10)");
    }

    @Test
    void conditionsRoundTripThroughJson() {
        for (var rule : DefaultRules.forCustomer(new CustomerId(java.util.UUID.randomUUID()))) {
            var json = Condition.toJson(rule.condition());
            assertThat(Condition.parse(json)).as(json).isEqualTo(rule.condition());
        }
        assertThat(Condition.parse("{\"type\":\"any\",\"conditions\":[{\"type\":\"sentiment\"},"
                        + "{\"type\":\"keywords\",\"phrases\":[\"Lawyer\",\" speak  to a manager \"]}]}"))
                .isEqualTo(new Condition.Any(
                        List.of(sentiment, new Condition.Keywords(List.of("lawyer", "speak to a manager")))));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "[]",
                "not json",
                "{\"type\":\"sentiment\",\"threshold\":1.5}",
                "{\"type\":\"all\",\"conditions\":[]}",
                "{\"type\":\"keywords\",\"phrases\":[]}",
                "{\"type\":\"consecutive_negative\",\"count\":1}",
                "{\"type\":\"waiting\",\"minutes\":\"ten\"}",
                "{\"type\":\"category\",\"keys\":[\"Not A Key!\"]}",
                "{\"type\":\"telepathy\"}"
            })
    void rejectsInvalidConditionsWithAMessage(String json) {
        assertThatThrownBy(() -> Condition.parse(json))
                .isInstanceOf(Condition.InvalidCondition.class)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void describesConditionsInWords() {
        var c = new Condition.Any(
                List.of(sentiment, new Condition.All(List.of(new Condition.Vip(), new Condition.Waiting(10)))));
        assertThat(Condition.describe(c, 0.3, 0.7))
                .isEqualTo(
                        "sentiment ≤ 0.30 (confidence ≥ 0.70) OR (VIP contact AND waiting more than 10 min without a reply)");
    }

    @Test
    void retriesBackOffExponentiallyThenGiveUp() {
        var now = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(RetryPolicy.nextAttempt(1, false, now)).isEqualTo(now.plusSeconds(30));
        assertThat(RetryPolicy.nextAttempt(2, false, now)).isEqualTo(now.plusSeconds(60));
        assertThat(RetryPolicy.nextAttempt(5, false, now)).isEqualTo(now.plusSeconds(480));
        assertThat(RetryPolicy.nextAttempt(RetryPolicy.MAX_ATTEMPTS, false, now))
                .isNull();
        assertThat(RetryPolicy.nextAttempt(1, true, now)).isNull();
    }
}

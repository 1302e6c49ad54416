package uk.co.omniops.escalation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.tenancy.CustomerId;

/** The signals beyond one message's score: intents, content-free and thank-you messages, anger over time, grading. */
class EscalationSignalsTests {

    final RuleEvaluator evaluator = new RuleEvaluator(0.3, 0.7);
    final List<uk.co.omniops.escalation.internal.Rule> defaults =
            DefaultRules.forCustomer(new CustomerId(UUID.randomUUID()));

    static Facts.Signal signal(double score, double confidence) {
        return new Facts.Signal(
                score, score < 0.45 ? "negative" : score < 0.6 ? "neutral" : "positive", confidence, Set.of());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "I want to speak to a manager now.|manager",
                "Get me someone higher up, now|manager",
                "Please escalate this to someone senior.|manager",
                "I'm cancelling my contract. Pathetic.|cancel",
                "After this week's outages I want our whole contract cancelled.|cancel",
                "I've opened a chargeback with PayPal.|chargeback",
                "I will be claiming it back through my credit card company under section 75.|chargeback",
                "My solicitor will be in touch.|legal",
                "I'm consulting a lawyer.|legal",
                "I am reporting you to Ofgem.|regulator",
                "Posting this on TikTok.|public",
                "useless idiots|abuse",
                "I am FURIOUS, worst company ever|anger"
            })
    void readsEscalationIntents(String text, String key) {
        assertThat(Intent.of(text)).extracting(Intent::key).contains(key);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Who is the account manager for our company?",
                "The manager role in your app can't see reports",
                "Please cancel order 44120, I ordered the wrong colour.",
                "I want to cancel my TV add-on, I never use it.",
                "My lawyer asked me for a statement of all transactions",
                "How do I cancel a direct debit to my old gym?",
                "My printer shows offline since this morning, what else can I try?",
                "Hello, I'm leaving the company on Monday. How do I transfer my licence?",
                "Hi, I'd like to close my account and have my personal data deleted.",
                "How much notice do we need to give to cancel our contract?",
                "The curry leaked all over the bag. Not a disaster, but the packaging could be better."
            })
    void plainRequestsThatMentionTheWordsAreNoIntent(String text) {
        assertThat(Intent.of(text)).doesNotContainAnyElementsOf(Intent.signals());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "??",
                "ok",
                "hi",
                "test",
                "👍",
                "https://status.example.com/incidents/4412",
                "...",
                "Sent from my iPhone",
                "hello?",
                "ok thanks"
            })
    void contentFreeMessagesAreRecognised(String text) {
        assertThat(Intent.of(text)).containsExactly(Intent.CONTENT_FREE);
    }

    @Test
    void contentFreeAndThankYouMessagesNeverEscalateWhateverTheirScore() {
        var angryScore = signal(0.02, 0.97);
        for (var text : List.of("??", "ok", "Thanks, I will wait for your answer here.")) {
            var facts = new Facts(angryScore, text, List.of(angryScore), Duration.ofHours(2), true, 0.99);
            assertThat(Assessment.of(defaults, evaluator, facts)).as(text).isEmpty();
        }
    }

    @Test
    void waitingOnAThankYouNoteDoesNotEscalate() {
        var waiting = new Condition.Waiting(30);
        var thanks =
                new Facts(null, null, List.of(), Duration.ofMinutes(45), false, null, Intent.of("Thanks so much!"));
        var question = new Facts(
                null, null, List.of(), Duration.ofMinutes(45), false, null, Intent.of("When will my order ship?"));
        assertThat(evaluator.evaluate(waiting, thanks)).isEmpty();
        assertThat(evaluator.evaluate(waiting, question))
                .hasValue("waiting 45 min for a reply, 15 min past the 30-min limit");
    }

    @Test
    void angryMessagesCountStronglyNegativeOnesIncludingTheCurrent() {
        var two = new Condition.AngryMessages(2, null);
        var angry = signal(0.15, 0.9);
        var calm = signal(0.40, 0.9);
        var text = "Still broken, unbelievable";
        assertThat(evaluator.evaluate(two, new Facts(angry, text, List.of(calm, angry, angry), null, false, null)))
                .hasValueSatisfying(r -> assertThat(r).startsWith("2 angry messages in a row on “"));
        assertThat(evaluator.evaluate(two, new Facts(angry, text, List.of(angry, calm, angry), null, false, null)))
                .hasValueSatisfying(r -> assertThat(r).startsWith("2 angry messages on “"));
        // three calm problem reports are negative, but not angry
        assertThat(evaluator.evaluate(two, new Facts(calm, text, List.of(calm, calm, calm), null, false, null)))
                .isEmpty();
        // the current message must be one of them: a calm follow-up after two angry ones does not re-fire
        assertThat(evaluator.evaluate(two, new Facts(calm, text, List.of(angry, angry, calm), null, false, null)))
                .isEmpty();
    }

    @Test
    void severityIsGradedFromTheSignals() {
        var calm = signal(0.42, 0.9);
        var furious = signal(0.08, 0.95);
        var printer = new Facts(calm, "Printer shows offline, what else can I try?", List.of(calm), null, false, null);
        assertThat(Assessment.of(defaults, evaluator, printer)).isEmpty();

        var angryOnly = new Facts(furious, "This is the worst service ever.", List.of(furious), null, false, null);
        assertThat(Assessment.of(defaults, evaluator, angryOnly))
                .hasValueSatisfying(a -> assertThat(a.severity()).isEqualTo(Severity.MEDIUM));

        var managerOnly =
                new Facts(calm, "Could I speak to a manager about my contract?", List.of(calm), null, false, null);
        assertThat(Assessment.of(defaults, evaluator, managerOnly))
                .hasValueSatisfying(a -> assertThat(a.severity()).isEqualTo(Severity.HIGH));

        var rant = new Facts(
                furious,
                "Six years a customer and this is the worst service I have ever had. Get me a manager.",
                List.of(signal(0.2, 0.9), furious),
                null,
                false,
                null);
        assertThat(Assessment.of(defaults, evaluator, rant)).hasValueSatisfying(a -> {
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.reason())
                    .startsWith("asked for a manager; ")
                    .contains("2 angry messages in a row")
                    .contains("furious message (score 0.08)")
                    .endsWith("”")
                    .doesNotContain("sentiment 0.");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"intent\",\"keys\":[\"telepathy\"]}",
                "{\"type\":\"intent\",\"keys\":[]}",
                "{\"type\":\"intent\",\"keys\":[\"thanks\"]}",
                "{\"type\":\"angry_messages\",\"count\":0}"
            })
    void rejectsInvalidNewConditions(String json) {
        assertThatThrownBy(() -> Condition.parse(json)).isInstanceOf(Condition.InvalidCondition.class);
    }

    @Test
    void newConditionsRoundTripAndReadInWords() {
        var c = new Condition.Any(
                List.of(new Condition.AngryMessages(2, null), new Condition.Intents(Set.of("manager", "chargeback"))));
        assertThat(Condition.parse(Condition.toJson(c))).isEqualTo(c);
        assertThat(Condition.describe(c, 0.3, 0.7))
                .isEqualTo(
                        "2 strongly negative messages (sentiment ≤ 0.30) OR customer threatened a chargeback or asked for a manager");
    }
}

package uk.co.omniops.escalation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.co.omniops.analysis.model.CategoryModel;
import uk.co.omniops.analysis.model.CategoryScore;
import uk.co.omniops.analysis.model.SentimentModel;
import uk.co.omniops.conversation.internal.simulator.Business;
import uk.co.omniops.conversation.internal.simulator.ConversationGenerator;
import uk.co.omniops.conversation.internal.simulator.Tone;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The escalation rate of the default rules on the chat simulator's demo traffic, without a database: conversations
 * as {@code ChatSimulator} writes them (an opening, then follow-ups, agents answering about half the time), each
 * contact message analysed by the shipped models and judged like {@link EscalationEvaluationTests}. Prints the rate
 * overall and by the simulated tone. Issue 23's goal: at most 8 % of demo conversations escalated, without making the
 * rules blind to the angry contacts (decision 005).
 */
class DemoTrafficEscalationRateTests {

    static final int CONVERSATIONS = 600;

    @Test
    void escalationRateOnDemoTraffic() {
        var sentiment = SentimentModel.loadDefault();
        var categories = CategoryModel.loadDefault();
        var evaluator = new RuleEvaluator(0.3, 0.7);
        var rules = DefaultRules.forCustomer(new CustomerId(UUID.randomUUID()));
        var random = new Random(23);
        var generator = new ConversationGenerator(random);
        var byTone = new EnumMap<Tone, int[]>(Tone.class);
        Map<String, Integer> severities = new java.util.TreeMap<>();
        int escalated = 0;
        var calmExamples = new ArrayList<String>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            var business = Business.values()[random.nextInt(Business.values().length)];
            var opening = generator.opening(business);
            var texts = new ArrayList<String>();
            texts.add(opening.text());
            int followUps = random.nextInt(4);
            for (int f = 0; f < followUps; f++) {
                texts.add(generator.followUp(
                        business,
                        opening.tone(),
                        random.nextBoolean(),
                        opening.contactName().split(" ")[0]));
            }
            var history = new ArrayList<Facts.Signal>();
            Severity worst = null;
            String why = null;
            for (var text : texts) {
                var s = sentiment.analyse(text);
                var keys = categories.classify(text).stream()
                        .map(CategoryScore::key)
                        .collect(Collectors.toSet());
                var signal = new Facts.Signal(s.score(), s.label(), s.confidence(), keys);
                history.add(signal);
                var judged = EscalationEvaluationTests.judge(
                        rules, evaluator, new Facts(signal, text, history, null, false, null));
                if (judged.isPresent()
                        && (worst == null || judged.get().severity().compareTo(worst) > 0)) {
                    worst = judged.get().severity();
                    why = judged.get().reason();
                }
            }
            var counts = byTone.computeIfAbsent(opening.tone(), t -> new int[2]);
            counts[0]++;
            if (worst != null) {
                counts[1]++;
                escalated++;
                severities.merge(worst.dbValue(), 1, Integer::sum);
                if (opening.tone() == Tone.CALM && calmExamples.size() < 12) {
                    calmExamples.add(worst.dbValue() + " | " + why);
                }
            }
        }
        double rate = escalated / (double) CONVERSATIONS;
        System.out.printf(
                Locale.ROOT,
                "demo traffic: %d conversations, %d escalated (%.1f %%); by severity %s%n",
                CONVERSATIONS,
                escalated,
                100 * rate,
                severities);
        byTone.forEach((tone, c) -> System.out.printf(
                Locale.ROOT, "  %s contacts: %d, escalated %d (%.1f %%)%n", tone, c[0], c[1], 100.0 * c[1] / c[0]));
        calmExamples.forEach(e -> System.out.println("  calm contact escalated: " + e));
        assertThat(rate)
                .as("escalation rate of the demo traffic (issue 23: at most 8 %)")
                .isLessThanOrEqualTo(0.08);
        // the simulator's calm contacts (nine in ten) write problem reports, questions and thanks: hardly any escalate
        var calm = byTone.get(Tone.CALM);
        assertThat(calm[1] / (double) calm[0])
                .as("escalation rate of calm simulated contacts")
                .isLessThanOrEqualTo(0.02);
        var angry = byTone.get(Tone.ANGRY);
        assertThat(angry[1] / (double) angry[0])
                .as("escalation rate of angry simulated contacts")
                .isGreaterThan(0.3);
    }
}

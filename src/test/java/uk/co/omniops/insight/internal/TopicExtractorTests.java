package uk.co.omniops.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.co.omniops.insight.InsightReport.Topic;

/** Topic extraction on synthetic weeks: a planted emerging issue is found, stopwords and PII never surface. */
class TopicExtractorTests {

    static final String[] NOISE = {
        "My order is late and the driver is not answering.",
        "I was charged twice for the same order.",
        "Can I change my delivery address?",
        "The app crashes when I open my account page.",
        "Where is my refund for the missing items?",
        "The food arrived cold again.",
        "How do I cancel my subscription?",
        "Hello, I need help please.",
        "Thanks a lot, that is all.",
        "Is the vegan burger gluten free?",
        "My password reset link does not work.",
        "The courier left the parcel at the wrong door."
    };

    static List<TopicExtractor.Text> week(Random random, int n, Instant at) {
        var out = new ArrayList<TopicExtractor.Text>();
        for (int i = 0; i < n; i++) {
            out.add(text(NOISE[random.nextInt(NOISE.length)], at.plusSeconds(i)));
        }
        return out;
    }

    static TopicExtractor.Text text(String s, Instant at) {
        return new TopicExtractor.Text(UUID.randomUUID(), UUID.randomUUID(), s, at);
    }

    @Test
    void findsAPlantedEmergingIssueAmongNoiseAndNoStopwords() {
        var random = new Random(7);
        var previous = week(random, 600, Instant.parse("2026-01-01T00:00:00Z"));
        var current = week(random, 600, Instant.parse("2026-01-08T00:00:00Z"));
        var promo = new String[] {
            "The promo code does not work at checkout.",
            "My promo code WELCOME10 was rejected, call me on +44 20 7946 0958.",
            "Why is the promo code expired? Write to ann.baker@example.com"
        };
        for (int i = 0; i < 40; i++) {
            current.add(
                    random.nextInt(current.size()),
                    text(promo[i % 3], Instant.parse("2026-01-09T00:00:00Z").plusSeconds(i)));
        }

        var topics = TopicExtractor.extract(current, previous);

        var emerging = topics.stream().filter(Topic::emerging).toList();
        assertThat(emerging).isNotEmpty();
        assertThat(emerging.getFirst().phrase()).isEqualTo("promo code");
        assertThat(emerging.getFirst().count()).isEqualTo(40);
        assertThat(emerging.getFirst().previousCount()).isZero();
        assertThat(emerging.getFirst().growth()).isEqualTo(41.0);
        assertThat(emerging.getFirst().examples())
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.text())
                        .containsIgnoringCase("promo code")
                        .doesNotContain("7946")
                        .doesNotContain("ann.baker@example.com"));
        // the noise is steady week over week: not emerging, but it is what customers talk about
        assertThat(emerging).extracting(Topic::phrase).doesNotContain("order", "refund", "delivery address");
        assertThat(topics).extracting(Topic::phrase).contains("order");
        // words of the same planted sentences are the same issue, not further emerging ones
        assertThat(emerging).extracting(Topic::phrase).doesNotContain("checkout", "rejected", "expired");
        // "promo" and "code" alone are explained by "promo code"
        assertThat(topics).extracting(Topic::phrase).doesNotContain("promo", "code");
        for (var t : topics) {
            for (var word : t.phrase().split(" ")) {
                assertThat(Stopwords.contains(word))
                        .as("stopword in '%s'", t.phrase())
                        .isFalse();
            }
            assertThat(t.phrase()).doesNotContain("email", "phone");
        }
        System.out.println("topics: "
                + topics.stream()
                        .map(t -> t.phrase() + "=" + t.count() + "/" + t.previousCount() + (t.emerging() ? "*" : ""))
                        .toList());
    }

    @Test
    void doubledTrafficDoesNotMakeEverythingEmergingAndAFewMentionsAreNotEnough() {
        var random = new Random(11);
        var previous = week(random, 300, Instant.parse("2026-01-01T00:00:00Z"));
        var current = week(random, 600, Instant.parse("2026-01-08T00:00:00Z"));
        for (int i = 0; i < 3; i++) {
            current.add(text("The loyalty points vanished from my account.", Instant.parse("2026-01-09T00:00:00Z")));
        }
        var topics = TopicExtractor.extract(current, previous);
        assertThat(topics).noneMatch(Topic::emerging);
        assertThat(topics).extracting(Topic::phrase).doesNotContain("loyalty point", "loyalty points");
    }

    @Test
    void phrasesStayInsideSentencesAndSkipNumbersAndStopwords() {
        assertThat(TopicExtractor.phrases("Hello! My promo code, 12345 is not working."))
                .contains("promo code", "promo", "code", "working")
                .doesNotContain("hello", "12345", "code working", "my promo");
        assertThat(TopicExtractor.extract(List.of(), List.of())).isEmpty();
    }
}

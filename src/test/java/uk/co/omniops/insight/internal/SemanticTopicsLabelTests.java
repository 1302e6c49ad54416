package uk.co.omniops.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A cluster's lone best word is widened to a phrase of that cluster that says what it is about. */
class SemanticTopicsLabelTests {

    static String label(String word, List<String> messages) {
        Map<String, Integer> counts = new HashMap<>();
        messages.forEach(m -> TopicExtractor.phrases(m).forEach(p -> counts.merge(p, 1, Integer::sum)));
        return ClusterLabels.phraseAround(
                word,
                counts,
                messages.size(),
                IntStream.range(0, messages.size()).boxed().toList(),
                messages);
    }

    static List<String> repeat(int times, String... lines) {
        var out = new ArrayList<String>();
        for (int i = 0; i < times; i++) {
            out.addAll(List.of(lines));
        }
        return out;
    }

    @Test
    void aLongerPhraseOfTheClusterWithTheWordWins() {
        var cluster = repeat(
                10,
                "Does the premium plan include remote desktop support?",
                "Thank you, the remote session fixed everything, great support!",
                "Is remote desktop support part of the premium plan?");
        assertThat(label("remote", cluster)).isEqualTo("remote desktop support");
    }

    @Test
    void withoutOneTheShortestSharedStretchOfAMessageWithTheClustersCommonWords() {
        var cluster = repeat(
                10,
                "I would like a refund for the licence I never activated.",
                "Refund please: the licence was never activated.");
        assertThat(label("activated", cluster)).isEqualTo("refund for the licence i never activated");
    }

    @Test
    void aWordWithNothingSharedAroundItStaysAWord() {
        var cluster = repeat(5, "wifi down", "no wifi at home since monday", "the wifi again, really", "wifi???");
        assertThat(label("wifi", cluster)).isEqualTo("wifi");
    }
}

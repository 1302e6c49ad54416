package uk.co.omniops.conversation.internal.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulator's message generator: enough varied, well-formed templates in each business's voice. */
class ChatSimulatorTests {

    @Test
    void hasAtLeastHundredTwentyTemplates() {
        assertThat(ConversationGenerator.templateCount()).isGreaterThanOrEqualTo(120);
        assertThat(Templates.OPENINGS).hasSizeGreaterThanOrEqualTo(120);
    }

    @Test
    void everyBusinessHasCalmAndAngryOpeningsForEveryTopic() {
        for (var business : Business.values()) {
            for (var topic : Topic.values()) {
                var tones = EnumSet.noneOf(Tone.class);
                Templates.OPENINGS.stream()
                        .filter(o -> o.business() == business && o.topic() == topic)
                        .forEach(o -> tones.add(o.tone()));
                assertThat(tones).as(business + " " + topic).containsExactlyInAnyOrder(Tone.CALM, Tone.ANGRY);
            }
        }
    }

    @Test
    void everyTemplateFillsWithoutLeftoverVariables() {
        var generator = new ConversationGenerator(new java.util.SplittableRandom(20261128));
        for (var o : Templates.OPENINGS) {
            for (int i = 0; i < 5; i++) {
                assertWellFormed(generator.fill(o.text(), o.business(), "Amelia"));
                assertWellFormed(generator.fill(o.subject(), o.business(), "Amelia"));
            }
        }
        for (var business : Business.values()) {
            for (var f : Templates.FOLLOW_UPS) {
                assertWellFormed(generator.fill(f.text(), business, "Oliver"));
            }
            for (var d : Templates.DETAILS.get(business)) {
                assertWellFormed(generator.fill(d, business, "Oliver"));
            }
        }
    }

    @Test
    void openingsAreVariedAndInTheBusinesssVoice() {
        var generator = new ConversationGenerator(new java.util.SplittableRandom(20261128));
        Set<String> texts = new HashSet<>();
        Set<Topic> topics = EnumSet.noneOf(Topic.class);
        Set<Tone> tones = EnumSet.noneOf(Tone.class);
        for (int i = 0; i < 300; i++) {
            var business = Business.values()[i % 3];
            var o = generator.opening(business);
            assertThat(o.business()).isEqualTo(business);
            assertWellFormed(o.text());
            assertThat(o.contactName()).contains(" ");
            assertThat(o.email()).matches("[a-z.']+\\d+@example\\.(com|org|net)");
            texts.add(o.text());
            topics.add(o.topic());
            tones.add(o.tone());
        }
        // nine in ten contacts are calm (decision 005), and calm templates have fewer variables than angry ones
        assertThat(texts).hasSizeGreaterThan(220);
        assertThat(topics).containsExactlyInAnyOrder(Topic.values());
        assertThat(tones).containsExactlyInAnyOrder(Tone.values());

        var food = generator.fill("{restaurant} {item} {order}", Business.FOOD_DELIVERY, "x");
        assertThat(food).contains("#FD");
        var engineering = generator.fill("{part} {site} {order}", Business.ENGINEERING, "x");
        assertThat(engineering).contains("PO-");
    }

    @Test
    void followUpsFitWhetherAnAgentHasAnswered() {
        var generator = new ConversationGenerator(new java.util.SplittableRandom(20261128));
        var nudges = Templates.FOLLOW_UPS.stream()
                .filter(f -> !f.afterAgentReply())
                .map(Templates.FollowUp::text)
                .toList();
        var details = Templates.DETAILS.values().stream()
                .flatMap(java.util.List::stream)
                .toList();
        for (int i = 0; i < 100; i++) {
            var text = generator.followUp(Business.TECH_SUPPORT, Tone.ANGRY, false, "Zara");
            assertWellFormed(text);
            var isNudge =
                    nudges.stream().anyMatch(n -> n.replace("{name}", "Zara").equals(text));
            var isDetail = details.stream().anyMatch(d -> d.startsWith(text.substring(0, 8)));
            assertThat(isNudge || isDetail).as(text).isTrue();
        }
    }

    @Test
    void sameSeedSameConversation() {
        var a = new ConversationGenerator(new java.util.SplittableRandom(20261128));
        var seeded1 = new ConversationGenerator(new java.util.SplittableRandom(42));
        var seeded2 = new ConversationGenerator(new java.util.SplittableRandom(42));
        for (int i = 0; i < 20; i++) {
            assertThat(seeded1.opening(Business.ENGINEERING)).isEqualTo(seeded2.opening(Business.ENGINEERING));
        }
        assertThat(a.opening(Business.TECH_SUPPORT).text()).isNotBlank();
    }

    private static void assertWellFormed(String text) {
        assertThat(text).doesNotContain("{").doesNotContain("}").isNotBlank();
        assertThat(text.length()).isLessThanOrEqualTo(10_000);
    }
}

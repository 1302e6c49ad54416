package uk.co.omniops.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A conversation's subject from its first message: never cut inside a word, never "wifi.…". */
class SubjectTests {

    @Test
    void aShortFirstLineIsTheSubject() {
        assertThat(MessageIngestion.subjectOf("  My router drops wifi.\nIt started on Monday.  "))
                .isEqualTo("My router drops wifi.");
    }

    @Test
    void aLongLineGivesItsFirstSentenceWithoutAnEllipsis() {
        var subject = MessageIngestion.subjectOf("My router keeps dropping the wifi. It happens every evening "
                + "around eight and I have already restarted it three times today without any luck.");
        assertThat(subject).isEqualTo("My router keeps dropping the wifi.");
    }

    @Test
    void aLongSentenceIsCutBetweenWordsWithAnEllipsis() {
        var text = "My router keeps dropping the wifi every evening around eight and I have already restarted it "
                + "three times today";
        var subject = MessageIngestion.subjectOf(text);
        assertThat(subject).endsWith("…").hasSizeLessThanOrEqualTo(80);
        var words = subject.substring(0, subject.length() - 1);
        assertThat(text).startsWith(words);
        assertThat(text.charAt(words.length())).isEqualTo(' ');
        assertThat(words).doesNotEndWith(" ").doesNotEndWith(".");
    }
}

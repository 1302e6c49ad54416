package uk.co.omniops.suggestion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.co.omniops.suggestion.ReplyChecks.Segment;

class ReplyChecksTests {

    @Test
    void findsEveryUnfilledPlaceholderOnce() {
        assertThat(ReplyChecks.placeholders("Hi [first name], order [order number] (ref [order number]) is late."))
                .containsExactly("[first name]", "[order number]");
        assertThat(ReplyChecks.placeholders("Hi Nora, order A12345 is late [sic: Bracketed Capitals]."))
                .isEmpty();
    }

    @Test
    void cutsATextIntoPlainPiecesAndPlaceholdersThatJoinToIt() {
        var text = "Hi [first name], your order [order number] is on its way.";
        var segments = ReplyChecks.segments(text);
        assertThat(segments)
                .extracting(Segment::text)
                .containsExactly("Hi ", "[first name]", ", your order ", "[order number]", " is on its way.");
        assertThat(segments).filteredOn(Segment::placeholder).hasSize(2);
        assertThat(String.join("", segments.stream().map(Segment::text).toList()))
                .isEqualTo(text);
    }

    @Test
    void marksSentencesThatSayAnActionWasTaken() {
        assertThat(ReplyChecks.claimedActions("Hi Nora, after five failed sign-ins the account locks for 15 minutes. "
                        + "I've unlocked it now. Let me know if you need anything else."))
                .containsExactly("I've unlocked it now.");
        assertThat(ReplyChecks.claimedActions("Sorry about that! The duplicate is being reversed today and should "
                        + "appear back on your card statement within 3–5 working days."))
                .hasSize(1);
        assertThat(ReplyChecks.claimedActions("We have refunded the missing items.\nYour refund has been sent."))
                .hasSize(2);
    }

    @Test
    void leavesOffersAndQuestionsAlone() {
        assertThat(ReplyChecks.claimedActions("I can unlock it for you now, shall I? Could you tell me which version "
                        + "you are on? I'm sorry about the wait."))
                .isEmpty();
    }
}

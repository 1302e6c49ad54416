package uk.co.omniops.workspace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.co.omniops.analysis.CorrectionStats;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.ConversationSummary;
import uk.co.omniops.conversation.Priority;

/** The workspace's texts as an agent reads them: plurals, sentiment in words, rows that do not repeat themselves. */
class WorkspaceTextsTests {

    @Test
    void oneCorrectionIsSingular() {
        assertThat(InboxToolbar.statsText(new CorrectionStats(1, 1, 0, 1.0, null)))
                .isEqualTo("1 correction · sentiment: 1 so far, accuracy shown from 20");
        assertThat(InboxToolbar.statsText(new CorrectionStats(2, 0, 0, null, null)))
                .isEqualTo("2 corrections");
    }

    @Test
    void sentimentIsSaidInWordsWithTheNumberBeside() {
        var furious = new MessageAnalysed.Sentiment(0.03, "negative", 0.95, "hybrid");
        assertThat(AnalysisViews.sentimentDescription(furious, false))
                .isEqualTo("very negative (score 0.03, 95 % sure)");
        var calm = new MessageAnalysed.Sentiment(0.4, "negative", 0.7, "hybrid");
        assertThat(AnalysisViews.sentimentDescription(calm, false)).startsWith("negative (");
        assertThat(AnalysisViews.sentimentDescription(calm, true)).isEqualTo("negative (corrected by an agent)");
    }

    @Test
    void aRowShowsTheSubjectOnlyWhenTheLatestMessageDoesNotStartWithIt() {
        var one = row("My router drops wifi every evening", "My router drops wifi every evening since Monday.", null);
        assertThat(InboxGrid.subjectLine(one)).isEmpty();
        var cut = row(
                "My router drops wifi every evening and the…",
                "My router drops wifi every evening and the " + "lights blink red",
                null);
        assertThat(InboxGrid.subjectLine(cut)).isEmpty();
        var answered = row("My router drops wifi", "Thanks, that fixed it!", null);
        assertThat(InboxGrid.subjectLine(answered)).isEqualTo("My router drops wifi");
    }

    @Test
    void newWorkIsOpenAndUnassigned() {
        assertThat(InboxGrid.isNew(row("s", "p", null))).isTrue();
        assertThat(InboxGrid.isNew(row("s", "p", UUID.randomUUID()))).isFalse();
    }

    private static ConversationSummary row(String subject, String preview, UUID assignee) {
        return new ConversationSummary(
                new ConversationId(UUID.randomUUID()),
                "Nora",
                subject,
                ConversationStatus.OPEN,
                Priority.NORMAL,
                assignee,
                assignee == null ? null : "Sam",
                preview,
                Instant.now(),
                Instant.now(),
                1,
                Instant.now());
    }
}

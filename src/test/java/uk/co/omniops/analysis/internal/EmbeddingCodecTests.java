package uk.co.omniops.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.co.omniops.analysis.AnalysisSettings;
import uk.co.omniops.analysis.MessageSource.MessageText;
import uk.co.omniops.analysis.Vectors;
import uk.co.omniops.analysis.model.SentenceEmbeddings;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;

class EmbeddingCodecTests {

    final SentenceEmbeddings encoder = SentenceEmbeddings.shared();

    @Test
    void int8VectorsKeepTheCosinesOfRealSentences() {
        var texts = List.of(
                "My router keeps dropping the wifi connection every evening.",
                "The internet cuts out every few minutes, the router loses the connection.",
                "I cannot reset my password, the reset email never arrives.",
                "I was charged twice for the annual licence this month.");
        var vectors = encoder.embedAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            var decoded = EmbeddingCodec.decode(EmbeddingCodec.encode(vectors.get(i)));
            assertThat(Vectors.dot(vectors.get(i), Vectors.normalised(decoded))).isGreaterThan(0.997);
            for (int j = 0; j < texts.size(); j++) {
                var exact = Vectors.dot(vectors.get(i), vectors.get(j));
                var stored = Vectors.dot(decoded, EmbeddingCodec.decode(EmbeddingCodec.encode(vectors.get(j))));
                assertThat(stored).isCloseTo(exact, org.assertj.core.data.Offset.offset(0.01));
                assertThat(EmbeddingCodec.dot(vectors.get(i), EmbeddingCodec.encode(vectors.get(j))))
                        .isCloseTo(
                                Vectors.dot(
                                        vectors.get(i), EmbeddingCodec.decode(EmbeddingCodec.encode(vectors.get(j)))),
                                org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        // the two router messages read alike; router and password do not
        assertThat(Vectors.dot(vectors.get(0), vectors.get(1)))
                .isGreaterThan(Vectors.dot(vectors.get(0), vectors.get(2)) + 0.2);
        assertThat(EmbeddingCodec.encode(vectors.getFirst())).hasSize(388);
    }

    @Test
    void rejectsVectorsOfAnotherLength() {
        assertThatThrownBy(() -> EmbeddingCodec.encode(new float[10])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddingCodec.decode(new byte[10])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConversationsDirectionIsTheNormalisedMeanOfItsMessages() {
        var a = new float[EmbeddingCodec.DIMENSIONS];
        var b = new float[EmbeddingCodec.DIMENSIONS];
        a[0] = 1;
        b[1] = 1;
        var d = EmbeddingCodec.meanDirection(List.of(a, b));
        assertThat(d).isNotNull();
        assertThat(d[0]).isCloseTo((float) Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(d[1]).isCloseTo((float) Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(EmbeddingCodec.meanDirection(List.of())).isNull();
    }

    @Test
    void withTheKillSwitchNothingIsEmbeddedOrStored() {
        var models = new Models(new AnalysisSettings(
                false,
                java.time.Duration.ofSeconds(3),
                java.time.Duration.ofSeconds(30),
                new AnalysisSettings.Embeddings(false, true, 100)));
        // no data source: storing anything would fail
        var embeddings = new MessageEmbeddings(models, JdbcClient.create(new JdbcTemplate()), new JdbcTemplate());
        var text = new MessageText(
                new MessageId(java.util.UUID.randomUUID()),
                new ConversationId(java.util.UUID.randomUUID()),
                new CustomerId(java.util.UUID.randomUUID()),
                AuthorType.CONTACT,
                false,
                "my router drops",
                java.time.Instant.now());

        assertThat(embeddings.enabled()).isFalse();
        assertThat(embeddings.embed(List.of(text))).isEmpty();
        assertThat(embeddings.embed("my router drops")).isEmpty();
        embeddings.storeAll(
                text.customerId(),
                List.of(new MessageEmbeddings.Row(
                        text.id(), text.conversationId(), new float[EmbeddingCodec.DIMENSIONS])));
    }
}

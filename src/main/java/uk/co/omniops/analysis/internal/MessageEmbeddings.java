package uk.co.omniops.analysis.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.MessageSource.MessageText;
import uk.co.omniops.analysis.model.SentenceEmbeddings;
import uk.co.omniops.analysis.model.TextEmbedder;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The sentence vectors of analysed contact messages in {@code message_embeddings} (int8, {@link EmbeddingCodec}):
 * {@link #embed} outside the transaction (the category model has just encoded the same texts, so the encoder's cache
 * answers), {@link #storeAll} inside the one that stores the analysis. With the kill switch
 * ({@code omniops.analysis.embeddings.enabled=false}) there is no encoder: nothing is embedded or stored, and the
 * readers find no vectors and fall back.
 *
 * @see <a href="../../../../../../../../docs/decisions/018-similar-conversations.md">decision 018</a>
 */
@Component
public class MessageEmbeddings {

    /** One message's vector, ready to store. */
    public record Row(MessageId message, ConversationId conversation, float[] vector) {}

    private final @Nullable TextEmbedder encoder;
    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    MessageEmbeddings(Models models, JdbcClient jdbc, JdbcTemplate batches) {
        this.encoder = models.categories().usesEmbeddings() ? SentenceEmbeddings.shared() : null;
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Whether vectors are computed and stored (false under the kill switch). */
    public boolean enabled() {
        return encoder != null;
    }

    /** The vector of a text (e.g. a query), empty under the kill switch. */
    public Optional<float[]> embed(String text) {
        return encoder == null ? Optional.empty() : Optional.of(encoder.embed(text));
    }

    /** The vectors of these messages, in order; empty under the kill switch. Identical texts are encoded once. */
    public List<Row> embed(List<MessageText> messages) {
        if (encoder == null || messages.isEmpty()) {
            return List.of();
        }
        var distinct = messages.stream().map(MessageText::text).distinct().toList();
        var vectors = new HashMap<String, float[]>();
        // a few texts were just encoded for the categories: the encoder's cache has them; more go as one batch
        var encoded =
                distinct.size() <= 8 ? distinct.stream().map(encoder::embed).toList() : encoder.embedAll(distinct);
        for (int i = 0; i < distinct.size(); i++) {
            vectors.put(distinct.get(i), encoded.get(i));
        }
        return messages.stream()
                .map(m -> new Row(m.id(), m.conversationId(), vectors.get(m.text())))
                .toList();
    }

    /**
     * Stores the vectors in one JDBC batch inside the caller's tenant transaction; a message that has one keeps it
     * (a job delivered twice, a re-analysis after a correction: the text did not change).
     */
    public void storeAll(CustomerId customer, List<Row> rows) {
        if (rows.isEmpty() || encoder == null) {
            return;
        }
        batches.batchUpdate("""
                insert into message_embeddings (message_id, customer_id, conversation_id, encoder, vector)
                values (?, ?, ?, ?, ?)
                on conflict (message_id) do nothing""", rows, rows.size(), (ps, r) -> {
            ps.setObject(1, r.message().value());
            ps.setObject(2, customer.value());
            ps.setObject(3, r.conversation().value());
            ps.setString(4, encoder.name());
            ps.setBytes(5, EmbeddingCodec.encode(r.vector()));
        });
    }

    /** Which of these messages have a vector (caller's tenant transaction). */
    public java.util.Set<MessageId> storedAmong(CustomerId customer, Collection<MessageId> messages) {
        if (messages.isEmpty()) {
            return java.util.Set.of();
        }
        var ids = messages.stream().map(MessageId::value).toArray(UUID[]::new);
        return java.util.Set.copyOf(
                jdbc.sql("select message_id from message_embeddings where customer_id = ? and message_id = any(?)")
                        .params(customer.value(), ids)
                        .query((rs, i) -> new MessageId(rs.getObject(1, UUID.class)))
                        .list());
    }

    /** The stored vectors of these messages (those that have one), in chunks of 10,000 (caller's tenant transaction). */
    public Map<MessageId, float[]> vectorsOfMessages(CustomerId customer, List<MessageId> messages) {
        var result = new HashMap<MessageId, float[]>();
        for (int from = 0; from < messages.size(); from += 10_000) {
            var ids = messages.subList(from, Math.min(messages.size(), from + 10_000)).stream()
                    .map(MessageId::value)
                    .toArray(UUID[]::new);
            jdbc.sql("select message_id, vector from message_embeddings where customer_id = ? and message_id = any(?)")
                    .params(customer.value(), ids)
                    .query(rs -> {
                        result.put(
                                new MessageId(rs.getObject(1, UUID.class)),
                                uk.co.omniops.analysis.Vectors.normalised(EmbeddingCodec.decode(rs.getBytes(2))));
                    });
        }
        return result;
    }

    /** The stored vectors of the conversations' messages, by conversation (caller's tenant transaction). */
    Map<ConversationId, List<float[]>> vectorsOf(CustomerId customer, Collection<ConversationId> conversations) {
        var result = new LinkedHashMap<ConversationId, List<float[]>>();
        if (conversations.isEmpty()) {
            return result;
        }
        var ids = conversations.stream().map(ConversationId::value).toArray(UUID[]::new);
        jdbc.sql("""
                select conversation_id, vector from message_embeddings
                 where customer_id = ? and conversation_id = any(?)""").params(customer.value(), ids).query(rs -> {
            result.computeIfAbsent(new ConversationId(rs.getObject(1, UUID.class)), k -> new ArrayList<>())
                    .add(EmbeddingCodec.decode(rs.getBytes(2)));
        });
        return result;
    }
}

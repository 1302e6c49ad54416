package uk.co.omniops.suggestion.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import uk.co.omniops.analysis.AnalysisManagement;
import uk.co.omniops.analysis.Vectors;

/**
 * The meaning side of the ranking: the analysis module's sentence vectors of the message and of each candidate
 * (title and text without variables; past replies: the contact message they answered). Candidates' vectors are
 * cached per text ({@value #MAX_CACHED} at most, cleared when full): a library is encoded once, then costs a lookup.
 * With the embeddings kill switch there are no vectors and the ranking uses words and categories
 * ({@link Ranker.Meaning#NONE}).
 *
 * @see <a href="../../../../../../../docs/decisions/006-suggestion-ranking.md">decision 006</a>
 */
@Component
class Meanings {

    static final int MAX_CACHED = 20_000;
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{[^}]*}}");

    private final Function<String, Optional<float[]>> encoder;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    @Autowired
    Meanings(AnalysisManagement analysis) {
        this(analysis::embed);
    }

    Meanings(Function<String, Optional<float[]>> encoder) {
        this.encoder = encoder;
    }

    /** The message's closeness to each candidate; {@link Ranker.Meaning#NONE} without an encoder. */
    Ranker.Meaning of(String message) {
        var query = encoder.apply(message).orElse(null);
        if (query == null) {
            return Ranker.Meaning.NONE;
        }
        return c -> {
            var v = vector(textOf(c));
            return v == null ? Double.NaN : Vectors.dot(query, v);
        };
    }

    /** What a candidate means: a past reply by the message it answered, the others by title and text. */
    static String textOf(Ranker.Candidate c) {
        var text = c.source().equals(uk.co.omniops.suggestion.Suggestion.PAST_REPLY) && c.answered() != null
                ? c.answered()
                : c.title() + ". " + c.text();
        return VARIABLE.matcher(text).replaceAll("").replaceAll("\\s+", " ").strip();
    }

    private float @org.jspecify.annotations.Nullable [] vector(String text) {
        var hit = cache.get(text);
        if (hit != null) {
            return hit;
        }
        var v = encoder.apply(text).orElse(null);
        if (v != null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(text, v);
        }
        return v;
    }
}

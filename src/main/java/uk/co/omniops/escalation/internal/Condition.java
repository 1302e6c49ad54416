package uk.co.omniops.escalation.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rule's condition: a small tree of AND ({@link All}) / OR ({@link Any}) nodes over leaf conditions, stored as
 * JSON in {@code escalation_rules.condition}, e.g.
 * {@code {"type":"any","conditions":[{"type":"sentiment"},{"type":"keywords","phrases":["lawyer"]}]}}.
 *
 * @see <a href="../../../../../../../docs/decisions/005-escalation.md">decision 005</a>
 */
public sealed interface Condition {

    int MAX_DEPTH = 4;
    int MAX_NODES = 50;

    /** Every child matches (AND). */
    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }

    /** At least one child matches (OR). */
    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * The message's sentiment score (0 negative … 1 positive) is at most {@code threshold}, counted only when the
     * confidence is at least {@code minConfidence}. Null values follow {@code EscalationSettings} at evaluation time.
     */
    record Sentiment(@Nullable Double threshold, @Nullable Double minConfidence) implements Condition {}

    /** The last {@code count} analysed contact messages of the conversation were all confidently negative. */
    record ConsecutiveNegative(int count) implements Condition {}

    /**
     * At least {@code count} of the conversation's analysed contact messages, the current one among them, were
     * strongly negative: label negative, score at most {@code threshold} (null: {@code EscalationSettings}), confident.
     */
    record AngryMessages(int count, @Nullable Double threshold) implements Condition {}

    /** The message says one of these {@link Intent}s (keys such as {@code manager}, {@code chargeback}). */
    record Intents(Set<String> keys) implements Condition {
        public Intents {
            keys = Set.copyOf(keys);
        }
    }

    /** The score fell by more than {@code delta} from the conversation's best earlier (confident) score. */
    record SentimentDrop(double delta) implements Condition {}

    /** The message contains one of the phrases (case-insensitive, whole words). */
    record Keywords(List<String> phrases) implements Condition {
        public Keywords {
            phrases = List.copyOf(phrases);
        }
    }

    /** The message was put in one of these categories. */
    record Category(Set<String> keys) implements Condition {
        public Category {
            keys = Set.copyOf(keys);
        }
    }

    /**
     * The contact has been waiting more than {@code minutes} without an agent's reply (checked by a scheduler); null
     * minutes: longer than the customer's first-response SLA ({@code customers.first_response_sla_minutes}).
     */
    record Waiting(@Nullable Integer minutes) implements Condition {

        /** Past the customer's first-response SLA, whatever it is set to. */
        public static Waiting pastSla() {
            return new Waiting(null);
        }
    }

    /** The contact is marked VIP. */
    record Vip() implements Condition {}

    /** The predicted escalation risk is at least {@code min} (predictions arrive with the prediction module). */
    record Risk(double min) implements Condition {}

    /** @throws InvalidCondition with a message fit for the rule editor */
    static Condition parse(String json) {
        try {
            return fromJson(Json.MAPPER.readTree(json), 1, new int[] {0});
        } catch (JacksonException e) {
            throw new InvalidCondition("The condition is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String toJson(Condition condition) {
        return Json.MAPPER.writeValueAsString(toNode(condition));
    }

    /** A condition's words for people, e.g. {@code sentiment ≤ 0.30 (confidence ≥ 0.70) OR keyword "lawyer"}. */
    static String describe(Condition c, double defaultThreshold, double defaultConfidence) {
        return switch (c) {
            case All all -> join(all.conditions(), " AND ", defaultThreshold, defaultConfidence);
            case Any any -> join(any.conditions(), " OR ", defaultThreshold, defaultConfidence);
            case Sentiment s ->
                String.format(
                        Locale.ROOT,
                        "sentiment ≤ %.2f (confidence ≥ %.2f)",
                        s.threshold() == null ? defaultThreshold : s.threshold(),
                        s.minConfidence() == null ? defaultConfidence : s.minConfidence());
            case ConsecutiveNegative n ->
                n.count() + (n.count() == 1 ? " negative message in a row" : " negative messages in a row");
            case AngryMessages a ->
                String.format(
                        Locale.ROOT,
                        "%d strongly negative messages (sentiment ≤ %.2f)",
                        a.count(),
                        a.threshold() == null ? defaultThreshold : a.threshold());
            case Intents i ->
                "customer "
                        + String.join(
                                " or ",
                                i.keys().stream()
                                        .sorted()
                                        .map(k -> Intent.fromKey(k)
                                                .map(Intent::words)
                                                .orElse(k))
                                        .toList());
            case SentimentDrop d -> String.format(Locale.ROOT, "sentiment drops by more than %.2f", d.delta());
            case Keywords k ->
                "says "
                        + String.join(
                                " / ",
                                k.phrases().stream().map(p -> "\"" + p + "\"").toList());
            case Category cat ->
                "category in " + String.join(", ", cat.keys().stream().sorted().toList());
            case Waiting w ->
                w.minutes() == null
                        ? "waiting past the first-response SLA without a reply"
                        : "waiting more than " + w.minutes() + " min without a reply";
            case Vip v -> "VIP contact";
            case Risk r -> String.format(Locale.ROOT, "predicted escalation risk ≥ %.2f", r.min());
        };
    }

    private static String join(List<Condition> children, String op, double t, double c) {
        var parts = children.stream()
                .map(child -> {
                    var text = describe(child, t, c);
                    return child instanceof All || child instanceof Any ? "(" + text + ")" : text;
                })
                .toList();
        return String.join(op, parts);
    }

    private static Condition fromJson(JsonNode node, int depth, int[] nodes) {
        if (++nodes[0] > MAX_NODES) {
            throw new InvalidCondition("A condition may have at most " + MAX_NODES + " parts");
        }
        if (depth > MAX_DEPTH) {
            throw new InvalidCondition("Conditions may be nested at most " + MAX_DEPTH + " levels deep");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidCondition("Each condition must be a JSON object with a \"type\"");
        }
        var type = node.path("type").asString("");
        return switch (type) {
            case "all", "any" -> group(type, node, depth, nodes);
            case "sentiment" ->
                new Sentiment(optionalFraction(node, "threshold"), optionalFraction(node, "min_confidence"));
            case "consecutive_negative" -> new ConsecutiveNegative(integer(node, "count", 2, 20));
            case "sentiment_drop" -> new SentimentDrop(fraction(node, "delta"));
            case "angry_messages" ->
                new AngryMessages(integer(node, "count", 1, 20), optionalFraction(node, "threshold"));
            case "intent" -> intents(node);
            case "keywords" -> keywords(node);
            case "category" -> category(node);
            case "waiting" ->
                new Waiting(
                        node.has("minutes") && !node.get("minutes").isNull()
                                ? integer(node, "minutes", 1, 10_080)
                                : null);
            case "vip" -> new Vip();
            case "risk" -> new Risk(fraction(node, "min"));
            default -> throw new InvalidCondition("Unknown condition type \"" + type + "\"");
        };
    }

    /** "all" or "any" of at least one condition. */
    private static Condition group(String type, JsonNode node, int depth, int[] nodes) {
        var children = node.path("conditions");
        if (!children.isArray() || children.size() == 0) {
            throw new InvalidCondition("\"" + type + "\" needs at least one condition");
        }
        var list = new ArrayList<Condition>();
        for (var child : children.values()) {
            list.add(fromJson(child, depth + 1, nodes));
        }
        return type.equals("all") ? new All(list) : new Any(list);
    }

    /** One or more of the signal intents, by key. */
    private static Intents intents(JsonNode node) {
        var keys = new LinkedHashSet<String>();
        for (var k : node.path("keys").values()) {
            var key = k.asString("").strip().toLowerCase(Locale.ROOT);
            if (Intent.fromKey(key).filter(Intent.signals()::contains).isEmpty()) {
                throw new InvalidCondition("Unknown intent \"" + key + "\"; use "
                        + String.join(
                                ", ", Intent.signals().stream().map(Intent::key).toList()));
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new InvalidCondition("Intent needs at least one key");
        }
        return new Intents(keys);
    }

    /** 1 to 50 phrases of at most 100 characters, lower case, spaces collapsed. */
    private static Keywords keywords(JsonNode node) {
        var phrases = new LinkedHashSet<String>();
        for (var p : node.path("phrases").values()) {
            var text = p.asString("").strip().replaceAll("\\s+", " ");
            if (!text.isEmpty()) {
                if (text.length() > 100) {
                    throw new InvalidCondition("A phrase may have at most 100 characters");
                }
                phrases.add(text.toLowerCase(Locale.ROOT));
            }
        }
        if (phrases.isEmpty() || phrases.size() > 50) {
            throw new InvalidCondition("Keywords need 1 to 50 phrases");
        }
        return new Keywords(List.copyOf(phrases));
    }

    /** One or more category keys (lower-case words). */
    private static Category category(JsonNode node) {
        var keys = new LinkedHashSet<String>();
        for (var k : node.path("keys").values()) {
            var key = k.asString("").strip().toLowerCase(Locale.ROOT);
            if (!key.matches("[a-z0-9_]{1,40}")) {
                throw new InvalidCondition("Category keys are lower-case words like complaint or human_agent");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new InvalidCondition("Category needs at least one key");
        }
        return new Category(keys);
    }

    private static @Nullable Double optionalFraction(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull() ? fraction(node, field) : null;
    }

    private static double fraction(JsonNode node, String field) {
        var value = node.get(field);
        if (value == null || !value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw new InvalidCondition("\"" + field + "\" must be a number from 0 to 1");
        }
        return value.asDouble();
    }

    private static int integer(JsonNode node, String field, int min, int max) {
        var value = node.get(field);
        if (value == null || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new InvalidCondition("\"" + field + "\" must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    private static ObjectNode toNode(Condition c) {
        var node = Json.MAPPER.createObjectNode();
        switch (c) {
            case All all -> {
                node.put("type", "all");
                var array = node.putArray("conditions");
                all.conditions().forEach(child -> array.add(toNode(child)));
            }
            case Any any -> {
                node.put("type", "any");
                var array = node.putArray("conditions");
                any.conditions().forEach(child -> array.add(toNode(child)));
            }
            case Sentiment s -> {
                node.put("type", "sentiment");
                if (s.threshold() != null) {
                    node.put("threshold", s.threshold());
                }
                if (s.minConfidence() != null) {
                    node.put("min_confidence", s.minConfidence());
                }
            }
            case ConsecutiveNegative n ->
                node.put("type", "consecutive_negative").put("count", n.count());
            case SentimentDrop d -> node.put("type", "sentiment_drop").put("delta", d.delta());
            case AngryMessages a -> {
                node.put("type", "angry_messages").put("count", a.count());
                if (a.threshold() != null) {
                    node.put("threshold", a.threshold());
                }
            }
            case Intents i -> {
                node.put("type", "intent");
                var array = node.putArray("keys");
                i.keys().stream().sorted().forEach(array::add);
            }
            case Keywords k -> {
                node.put("type", "keywords");
                var array = node.putArray("phrases");
                k.phrases().forEach(array::add);
            }
            case Category cat -> {
                node.put("type", "category");
                var array = node.putArray("keys");
                cat.keys().stream().sorted().forEach(array::add);
            }
            case Waiting w -> {
                node.put("type", "waiting");
                if (w.minutes() != null) {
                    node.put("minutes", w.minutes());
                }
            }
            case Vip v -> node.put("type", "vip");
            case Risk r -> node.put("type", "risk").put("min", r.min());
        }
        return node;
    }

    /** A condition the editor must reject; the message is shown to the supervisor. */
    final class InvalidCondition extends IllegalArgumentException {
        public InvalidCondition(String message) {
            super(message);
        }
    }

    /** Holder so the interface has no public mapper constant. */
    final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();

        private Json() {}
    }
}

package uk.co.omniops.conversation.internal.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Message templates, read once from {@code simulator/messages.tsv} on the class path (the file says its format).
 * Variables in braces are filled by {@link ConversationGenerator}: common ones ({@code name}, {@code order},
 * {@code amount}, {@code invoice}, {@code day}, {@code days}, {@code minutes}, {@code ticket}) and the business's own
 * vocabulary ({@link Business}). The lists keep the file's order, which the seeded generator picks from.
 */
final class Templates {

    /** One opening message: whose voice, what about, how it feels, and a subject line. */
    record Opening(Business business, Topic topic, Tone tone, String subject, String text) {}

    /** A later message in an open conversation. */
    record FollowUp(Tone tone, boolean afterAgentReply, String text) {}

    static final String RESOURCE = "/simulator/messages.tsv";

    static final List<Opening> OPENINGS;
    static final List<FollowUp> FOLLOW_UPS;
    /** Extra details a contact adds later, per business. */
    static final Map<Business, List<String>> DETAILS;

    static {
        var openings = new ArrayList<Opening>();
        var followUps = new ArrayList<FollowUp>();
        var details = new EnumMap<Business, List<String>>(Business.class);
        for (var line : read().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            var f = line.split("\t", -1);
            switch (f[0]) {
                case "opening" ->
                    openings.add(new Opening(
                            Business.valueOf(f[1]), Topic.valueOf(f[2]), Tone.valueOf(f[3]), f[4], field(f, 5)));
                case "follow-up" -> followUps.add(new FollowUp(Tone.valueOf(f[1]), afterReply(f[2]), field(f, 3)));
                case "detail" ->
                    details.computeIfAbsent(Business.valueOf(f[1]), b -> new ArrayList<>())
                            .add(field(f, 2));
                default -> throw new IllegalStateException("Unknown record in " + RESOURCE + ": " + line);
            }
        }
        details.replaceAll((b, texts) -> List.copyOf(texts));
        OPENINGS = List.copyOf(openings);
        FOLLOW_UPS = List.copyOf(followUps);
        DETAILS = Map.copyOf(details);
    }

    private static String field(String[] fields, int last) {
        if (fields.length != last + 1) {
            throw new IllegalStateException("Expected " + (last + 1) + " tab-separated fields in " + RESOURCE
                    + ", found " + fields.length + ": " + String.join(" | ", fields));
        }
        return fields[last];
    }

    private static boolean afterReply(String when) {
        return switch (when) {
            case "after-reply" -> true;
            case "before-reply" -> false;
            default -> throw new IllegalStateException("Expected before-reply or after-reply in " + RESOURCE);
        };
    }

    private static String read() {
        try (var in = Objects.requireNonNull(Templates.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Templates() {}
}

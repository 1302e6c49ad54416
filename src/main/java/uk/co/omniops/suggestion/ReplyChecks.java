package uk.co.omniops.suggestion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an agent must look at before a suggested reply goes out: placeholders still to fill ({@code [order number]},
 * left where a variable could not be filled) and sentences that say an action was already taken ("I've unlocked it
 * now", "the duplicate is being reversed today"), true only once the agent has done it. Pure text checks; the
 * suggestion cards mark both, and the workspace's composer refuses a reply with a placeholder and asks before sending
 * a claimed action.
 */
public final class ReplyChecks {

    /** A bracketed lower-case phrase, as {@code VariableFiller} writes an unfilled variable. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[a-z][a-z0-9 _.-]{0,40}]");

    /**
     * A first-person perfect ("I've unlocked", "I have also sent", "we've issued") or a progressive passive ("is being
     * reversed", "has been refunded"): the sentence reports something as done or under way.
     */
    private static final Pattern CLAIM =
            Pattern.compile("(?i)\\b(?:(?:i|we)(?:'ve|’ve| have)\\s+(?:also\\s+|now\\s+|just\\s+|already\\s+)?"
                    + "(?:[a-z]+ed|sent|set|made|put|done|taken|given|begun|written|told|paid)\\b"
                    + "|(?:is|are|has been|have been) being [a-z]+ed\\b"
                    + "|(?:has|have) (?:now |already )?been (?:[a-z]+ed|sent|paid|set up)\\b)");

    private ReplyChecks() {}

    /** The unfilled placeholders in a text, each once, in order of appearance. */
    public static List<String> placeholders(String text) {
        var found = new LinkedHashSet<String>();
        var m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return List.copyOf(found);
    }

    /** The sentences of a text that report an action as done, as written; empty when none does. */
    public static List<String> claimedActions(String text) {
        var out = new ArrayList<String>();
        for (var sentence : text.split("(?<=[.!?])\\s+|\\n+")) {
            var s = sentence.strip();
            if (!s.isEmpty() && CLAIM.matcher(s).find()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The words that make each claim ("I've unlocked", "has been dispatched"), each once: they stay the same when the
     * agent fills a placeholder elsewhere in the sentence.
     */
    public static List<String> claims(String text) {
        var found = new LinkedHashSet<String>();
        var m = CLAIM.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return List.copyOf(found);
    }

    /** A piece of a text: plain, or a placeholder to highlight. */
    public record Segment(String text, boolean placeholder) {}

    /** The text cut into plain pieces and placeholders, in order; joined they give the text back. */
    public static List<Segment> segments(String text) {
        var out = new ArrayList<Segment>();
        var m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                out.add(new Segment(text.substring(at, m.start()), false));
            }
            out.add(new Segment(m.group(), true));
            at = m.end();
        }
        if (at < text.length()) {
            out.add(new Segment(text.substring(at), false));
        }
        return out;
    }
}

package uk.co.omniops.suggestion.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Fills {@code {{variable}}} placeholders from what is known about a conversation. Whatever cannot be filled becomes
 * a visible bracketed placeholder for the agent ({@code [order number]}), never a raw {@code {{…}}}; unknown
 * variables too.
 */
public final class VariableFiller {

    /** Order references: {@code #A12345}, {@code ORD-2024-991}, {@code order 48213}, {@code order no. 48213}. */
    private static final Pattern ORDER = Pattern.compile(
            "(?i)(?:#\\s?([A-Z]{0,3}-?\\d{4,10})\\b)|\\b(ORD-\\d{2,4}-\\d{2,8})\\b|\\b(?:order|ordre|booking|ticket|case|po)"
                    + "\\s*(?:number|no\\.?|num|nr\\.?|id|ref(?:erence)?)?\\s*[:#]?\\s*([A-Z]{0,3}-?\\d{4,10})\\b");

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern DATE = Pattern.compile(
            "(?i)\\b(\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4}|"
                    + "\\d{1,2}(?:st|nd|rd|th)?\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:\\s+\\d{4})?|"
                    + "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?)\\b");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-zA-Z_.]+)\\s*}}");

    /** The {@code {{variables}}} a library reply or snippet may use. */
    /** A reply as the given agent inserts it: the {@code [agent name]} placeholder filled with their name. */
    public static String signedBy(String text, String agentName) {
        return text.replace(PLACEHOLDERS.get("agent.name"), agentName);
    }

    public static java.util.Set<String> variables() {
        return PLACEHOLDERS.keySet();
    }

    static final Map<String, String> PLACEHOLDERS = Map.of(
            "contact.name", "[contact name]",
            "contact.first_name", "[first name]",
            "contact.email", "[email]",
            "order.number", "[order number]",
            "date", "[date]",
            "agent.name", "[agent name]",
            "customer.name", "[company name]");

    /** What the conversation tells us; every field may be unknown. */
    record Facts(
            @Nullable String contactName,
            @Nullable String contactEmail,
            @Nullable String orderNumber,
            @Nullable String date,
            @Nullable String agentName,
            @Nullable String customerName) {

        Facts withAgent(@Nullable String agent) {
            return new Facts(contactName, contactEmail, orderNumber, date, agent, customerName);
        }
    }

    private VariableFiller() {}

    /** Facts from a conversation: the contact's record first, then the newest mention in the contact's messages. */
    static Facts facts(
            @Nullable String contactName,
            @Nullable String contactEmail,
            List<String> contactMessagesOldestFirst,
            @Nullable String agentName,
            @Nullable String customerName) {
        String order = null;
        String email = blankToNull(contactEmail);
        String date = null;
        var newestFirst = new ArrayList<>(contactMessagesOldestFirst);
        java.util.Collections.reverse(newestFirst);
        // every order reference and date has a digit and every address an '@': most chat messages have neither, and
        // the patterns, tried at every position of every message of the conversation, were 5 % of the test suite's
        // Java CPU samples (suggestions are computed per analysed message)
        for (var text : newestFirst) {
            if (order != null && email != null && date != null) {
                break;
            }
            var digits = hasDigit(text);
            if (order == null && digits) {
                order = orderNumber(text);
            }
            if (email == null && text.indexOf('@') >= 0) {
                var m = EMAIL.matcher(text);
                email = m.find() ? m.group() : null;
            }
            if (date == null && digits) {
                var m = DATE.matcher(text);
                date = m.find() ? m.group(1) : null;
            }
        }
        return new Facts(cleanName(contactName), email, order, date, blankToNull(agentName), blankToNull(customerName));
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The first order reference in a text, normalised ({@code #A12345} → {@code A12345}); null when none. */
    static @Nullable String orderNumber(String text) {
        Matcher m = ORDER.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= 3; g++) {
                if (m.group(g) != null) {
                    return m.group(g).toUpperCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    static String fill(String template, Facts facts) {
        var m = VARIABLE.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            var key = m.group(1).toLowerCase(Locale.ROOT);
            var value = switch (key) {
                case "contact.name" -> facts.contactName();
                case "contact.first_name" ->
                    facts.contactName() == null ? null : facts.contactName().split("\\s+")[0];
                case "contact.email" -> facts.contactEmail();
                case "order.number" -> facts.orderNumber();
                case "date" -> facts.date();
                case "agent.name" -> facts.agentName();
                case "customer.name" -> facts.customerName();
                default -> null;
            };
            var replacement = value != null
                    ? value
                    : PLACEHOLDERS.getOrDefault(key, "[" + key.replace('.', ' ').replace('_', ' ') + "]");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        // a stray, malformed "{{" never reaches the agent
        return out.toString().replace("{{", "[").replace("}}", "]");
    }

    private static @Nullable String cleanName(@Nullable String name) {
        var n = blankToNull(name);
        if (n == null || n.equalsIgnoreCase("anonymous") || n.equalsIgnoreCase("visitor") || n.contains("@")) {
            return null;
        }
        return n;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The reverse of {@link #fill}: the contact's and agent's details in a sent text turned back into variables. */
    static String templatise(String text, VariableFiller.Facts facts) {
        var out = text;
        if (facts.orderNumber() != null) {
            out = out.replace("#" + facts.orderNumber(), "{{order.number}}")
                    .replace(facts.orderNumber(), "{{order.number}}");
        }
        if (facts.contactEmail() != null) {
            out = out.replace(facts.contactEmail(), "{{contact.email}}");
        }
        if (facts.contactName() != null) {
            out = out.replace(facts.contactName(), "{{contact.name}}");
            var first = facts.contactName().split("\\s+")[0];
            if (first.length() > 1) {
                out = out.replaceAll("\\b" + Pattern.quote(first) + "\\b", "{{contact.first_name}}");
            }
        }
        if (facts.agentName() != null) {
            out = out.replace(facts.agentName(), "{{agent.name}}");
        }
        return out;
    }
}

package uk.co.omniops.conversation.internal.simulator;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes realistic customer messages for the demo businesses from {@link Templates}: a first message with a subject
 * and a contact, then follow-ups that fit whether an agent has answered. Deterministic for a seeded generator; no
 * Spring, no database.
 */
public final class ConversationGenerator {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z]+)}");

    private static final List<String> FIRST_NAMES = List.of(
            "Amelia",
            "Oliver",
            "Priya",
            "Mohammed",
            "Sophie",
            "James",
            "Chloe",
            "Liam",
            "Aisha",
            "Noah",
            "Grace",
            "Tomasz",
            "Ella",
            "Kwame",
            "Isla",
            "Hiroshi",
            "Freya",
            "Mateo",
            "Zara",
            "Declan",
            "Mei",
            "Samuel",
            "Léa",
            "Connor",
            "Fatima",
            "Ben",
            "Ruby",
            "Arjun",
            "Niamh",
            "Jakub");
    private static final List<String> LAST_NAMES = List.of(
            "Smith",
            "Jones",
            "Khan",
            "Williams",
            "Brown",
            "Taylor",
            "O'Neill",
            "Kowalski",
            "Patel",
            "Evans",
            "Nguyen",
            "Murphy",
            "Okafor",
            "Wright",
            "García",
            "Thomas",
            "Robinson",
            "Ali",
            "Campbell",
            "Fischer",
            "Tanaka",
            "Hughes",
            "Walsh",
            "Edwards");
    private static final List<String> MAIL_DOMAINS = List.of("example.com", "example.org", "example.net");
    private static final List<String> DAYS = List.of(
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "last Friday",
            "yesterday",
            "the 3rd",
            "the 14th",
            "next Tuesday");

    /** A new conversation as the contact writes it. */
    public record Opening(
            Business business, Topic topic, Tone tone, String contactName, String email, String subject, String text) {}

    private final RandomGenerator random;

    public ConversationGenerator(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The share of new contacts who write angrily. Real support traffic is mostly calm problem reports and questions:
     * quality assessments put customers who need de-escalating in the low single-digit percent of contacts, and
     * about half of the simulator's angry contacts cross into what needs a supervisor (decision 005). A third, as
     * before, made every sixth demo conversation an escalation.
     */
    static final double ANGRY_SHARE = 0.10;

    /** A new contact's first message to the business; angry about one time in ten ({@link #ANGRY_SHARE}). */
    public Opening opening(Business business) {
        var candidates = Templates.OPENINGS.stream()
                .filter(o -> o.business() == business)
                .toList();
        var wantAngry = random.nextDouble() < ANGRY_SHARE;
        var toned = candidates.stream()
                .filter(o -> (o.tone() == Tone.ANGRY) == wantAngry)
                .toList();
        var template = pick(toned.isEmpty() ? candidates : toned);
        var first = pick(FIRST_NAMES);
        var last = pick(LAST_NAMES);
        var name = first + " " + last;
        var email =
                ascii(first + "." + last).toLowerCase(Locale.ROOT) + random.nextInt(10, 100) + "@" + pick(MAIL_DOMAINS);
        return new Opening(
                business,
                template.topic(),
                template.tone(),
                name,
                email,
                fill(template.subject(), business, first),
                fill(template.text(), business, first));
    }

    /**
     * A later message in an open conversation: a nudge when nobody has answered, a reaction when an agent has,
     * sometimes an extra detail. Angry contacts stay angry unless an answer calms them (one in three).
     */
    public String followUp(Business business, Tone tone, boolean agentReplied, String firstName) {
        if (random.nextDouble() < 0.25) {
            return fill(pick(Templates.DETAILS.get(business)), business, firstName);
        }
        var mood = tone == Tone.ANGRY && agentReplied && random.nextDouble() < 0.33 ? Tone.CALM : tone;
        var options = Templates.FOLLOW_UPS.stream()
                .filter(f -> f.tone() == mood && f.afterAgentReply() == agentReplied)
                .toList();
        return fill(pick(options).text(), business, firstName);
    }

    /** Fills every {@code {variable}}; unknown names are a template bug and fail loudly. */
    String fill(String template, Business business, String firstName) {
        Matcher m = VARIABLE.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), business, firstName)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String value(String variable, Business business, String firstName) {
        var words = business.vocabulary().get(variable);
        if (words != null) {
            return pick(words);
        }
        return switch (variable) {
            case "name" -> firstName;
            case "order" ->
                switch (business) {
                    case ENGINEERING -> "PO-" + random.nextInt(40_000, 50_000);
                    case FOOD_DELIVERY -> "#FD" + random.nextInt(100_000, 1_000_000);
                    case TECH_SUPPORT -> "ORD-" + random.nextInt(1_000, 10_000);
                };
            case "invoice" -> "INV-2026-" + random.nextInt(1_000, 10_000);
            case "ticket" -> "TS-" + random.nextInt(10_000, 100_000);
            case "amount" ->
                switch (business) {
                    case ENGINEERING -> String.format(Locale.UK, "£%,d.00", random.nextInt(4, 400) * 25);
                    case FOOD_DELIVERY ->
                        String.format(Locale.UK, "£%d.%02d", random.nextInt(8, 60), random.nextInt(100));
                    case TECH_SUPPORT ->
                        String.format(Locale.UK, "£%d.%02d", random.nextInt(20, 900), random.nextInt(100));
                };
            case "day" -> pick(DAYS);
            case "days" -> String.valueOf(random.nextInt(3, 15));
            case "minutes" -> String.valueOf(random.nextInt(20, 95));
            default -> throw new IllegalArgumentException("unknown template variable {" + variable + "}");
        };
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("[^A-Za-z.]", "");
    }

    /** How many templates there are (openings, follow-ups and details), for tests and the docs. */
    public static int templateCount() {
        return Templates.OPENINGS.size()
                + Templates.FOLLOW_UPS.size()
                + Templates.DETAILS.values().stream().mapToInt(List::size).sum();
    }
}

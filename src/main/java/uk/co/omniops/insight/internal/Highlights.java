package uk.co.omniops.insight.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.insight.InsightReport.CategoryShare;
import uk.co.omniops.insight.InsightReport.EscalationCause;
import uk.co.omniops.insight.InsightReport.Topic;
import uk.co.omniops.insight.InsightReport.Totals;

/**
 * Plain-language sentences from a period's figures against the previous period, most important first: emerging
 * issues, escalations, sentiment, volume, response and resolution times, the category that moved most, suggestion
 * acceptance. A sentence is only written when its figures exist (no "0 % of 0"). Pure.
 */
final class Highlights {

    private Highlights() {}

    static List<String> of(
            Totals now,
            Totals before,
            List<CategoryShare> categories,
            List<EscalationCause> causes,
            List<Topic> topics) {
        var out = new ArrayList<String>();
        if (now.conversations() == 0 && now.messages() == 0) {
            out.add("No conversations in this period.");
            return out;
        }
        for (var t : topics) {
            if (t.emerging()) {
                out.add("Emerging issue: \u201c%s\u201d in %s customer messages (%s in the previous period)."
                        .formatted(
                                t.phrase(),
                                count(t.count()),
                                t.previousCount() == 0 ? "none" : count(t.previousCount())));
                if (out.size() >= 2) {
                    break;
                }
            }
        }
        var top = causes.stream().filter(c -> c.count() > 0).max(Comparator.comparingLong(EscalationCause::count));
        if (now.escalations() > 0 || before.escalations() > 0) {
            var sentence = before.conversations() == 0
                    ? "%s of conversations were escalated".formatted(capital(percent(now.escalationRate())))
                    : change("Escalations", before.escalationRate(), now.escalationRate(), 0.005) + " of conversations";
            out.add(sentence + (top.isPresent() ? ", mostly \u201c" + top.get().cause() + "\u201d." : "."));
        }
        if (now.customerMessages() > 0 && !Double.isNaN(now.averageSentiment())) {
            if (!Double.isNaN(before.averageSentiment())) {
                out.add("%s of customer messages (average sentiment %s → %s on a 0–100 scale)."
                        .formatted(
                                change("Negative share", before.negativeShare(), now.negativeShare(), 0.01),
                                score(before.averageSentiment()),
                                score(now.averageSentiment())));
            } else {
                out.add("%s of customer messages were negative (average sentiment %s on a 0–100 scale)."
                        .formatted(capital(percent(now.negativeShare())), score(now.averageSentiment())));
            }
        }
        if (before.conversations() > 0) {
            double change = (double) (now.conversations() - before.conversations()) / before.conversations();
            out.add(
                    Math.abs(change) < 0.05
                            ? "Conversations held steady at %s (%s before)."
                                    .formatted(count(now.conversations()), count(before.conversations()))
                            : "Conversations %s from %s to %s (%+.0f %%)."
                                    .formatted(
                                            change > 0 ? "rose" : "fell",
                                            count(before.conversations()),
                                            count(now.conversations()),
                                            change * 100));
        } else {
            out.add("%s conversations, %s messages."
                    .formatted(capital(count(now.conversations())), count(now.messages())));
        }
        time("First response", now.averageFirstResponse(), before.averageFirstResponse())
                .ifPresent(out::add);
        time("Resolution", now.averageResolution(), before.averageResolution()).ifPresent(out::add);
        categories.stream()
                .filter(c -> c.conversations() >= 3)
                .max(Comparator.comparingDouble(c -> Math.abs(c.share() - c.previousShare())))
                .filter(c -> Math.abs(c.share() - c.previousShare()) >= 0.03 && c.previousConversations() > 0)
                .ifPresent(c -> out.add("\u201c%s\u201d %s from %s to %s of categorised conversations."
                        .formatted(
                                c.displayName(),
                                c.share() > c.previousShare() ? "grew" : "shrank",
                                percent(c.previousShare()),
                                percent(c.share()))));
        if (!Double.isNaN(now.suggestionAcceptance())) {
            out.add("Agents used %s of suggested replies%s."
                    .formatted(
                            percent(now.suggestionAcceptance()),
                            Double.isNaN(before.suggestionAcceptance())
                                    ? ""
                                    : " (" + percent(before.suggestionAcceptance()) + " before)"));
        }
        return out;
    }

    private static java.util.Optional<String> time(String what, @Nullable Duration now, @Nullable Duration before) {
        if (now == null) {
            return java.util.Optional.empty();
        }
        if (before == null) {
            return java.util.Optional.of("%s took %s on average.".formatted(what, duration(now)));
        }
        double change = before.isZero() ? 0 : (double) (now.toSeconds() - before.toSeconds()) / before.toSeconds();
        var how = Math.abs(change) < 0.05 ? "about the same as" : change > 0 ? "slower than" : "faster than";
        return java.util.Optional.of(
                "%s took %s on average, %s before (%s).".formatted(what, duration(now), how, duration(before)));
    }

    static String duration(Duration d) {
        return uk.co.omniops.insight.export.ReportFigures.duration(d);
    }

    /** "X rose from 4 % to 9 %", "X fell from …", or "X stayed at 4 %" within the tolerance. */
    private static String change(String what, double before, double now, double tolerance) {
        if (Math.abs(now - before) < tolerance) {
            return "%s stayed at %s".formatted(what, percent(now));
        }
        return "%s %s from %s to %s".formatted(what, now > before ? "rose" : "fell", percent(before), percent(now));
    }

    static String percent(double share) {
        if (Double.isNaN(share)) {
            return "n/a";
        }
        double p = share * 100;
        return p > 0 && p < 1 ? String.format(Locale.ROOT, "%.1f %%", p) : String.format(Locale.ROOT, "%.0f %%", p);
    }

    private static String score(double sentiment) {
        return String.format(Locale.ROOT, "%.0f", sentiment * 100);
    }

    private static String count(long n) {
        return String.format(Locale.UK, "%,d", n);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

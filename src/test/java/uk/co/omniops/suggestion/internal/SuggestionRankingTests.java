package uk.co.omniops.suggestion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.co.omniops.suggestion.SourceStats;
import uk.co.omniops.suggestion.Suggestion;

/**
 * Ranking quality on messages written for this test only (not used when writing the demo library): for each
 * taxonomy key, customer messages with the library entries an agent would pick. Categories come from the row's
 * label, as the analysis module would deliver them; a second pass ranks without categories (words only).
 */
class SuggestionRankingTests {

    record Row(String customer, String category, String message, Set<String> good) {}

    static Row r(String customer, String category, String message, String... good) {
        return new Row(customer, category, message, Set.of(good));
    }

    static final String TS = "techsupport-co";
    static final String TE = "thompson-engineering";
    static final String FD = "fooddelivery-inc";

    static final List<Row> TABLE = List.of(
            // billing
            r(
                    TS,
                    "billing",
                    "Why did you take money from my card twice this month?",
                    "Duplicate charge on the invoice"),
            r(
                    TS,
                    "billing",
                    "Our finance team needs the VAT number printed on the March invoice",
                    "Invoice copy and VAT details"),
            r(
                    TE,
                    "billing",
                    "Can we pay on 30 day terms? We'll send a purchase order",
                    "Pro-forma invoice and payment terms"),
            r(
                    FD,
                    "billing",
                    "There are two pending payments on my bank app for one dinner",
                    "Charged twice or unexpected charge"),
            // refund
            r(
                    TS,
                    "refund",
                    "I renewed the yearly plan by mistake last week, can I get my money back?",
                    "Refund for an annual plan"),
            r(
                    TE,
                    "refund",
                    "We ordered 40 bearings but only need 25, can we send the rest back for a refund?",
                    "Return and refund for unused parts"),
            r(FD, "refund", "It's been a week and I still haven't seen the refund you promised", "Refund status"),
            r(
                    FD,
                    "refund",
                    "Half my meal was missing, I want my money back for the fries and drink",
                    "Missing or wrong items"),
            // delivery
            r(
                    TS,
                    "delivery",
                    "The router I bought was supposed to arrive Monday, it's Thursday now",
                    "Delivery delayed",
                    "Hardware order status"),
            r(
                    TE,
                    "delivery",
                    "When will the pallet of flanges for PO 55812 be delivered to site?",
                    "Dispatch and lead time",
                    "Freight delivery delayed"),
            r(FD, "delivery", "Where is my driver?? Been waiting 50 minutes", "Order running late"),
            r(FD, "delivery", "App says delivered but nothing came to my door", "Order never arrived"),
            // order
            r(TS, "order", "Has my order #A55102 shipped yet?", "Hardware order status"),
            r(
                    TE,
                    "order",
                    "Need to change the quantity on order 77120 from 10 to 14 before it ships",
                    "Amend an order before dispatch"),
            r(TE, "order", "You sent M10 bolts instead of the M12 ones we ordered", "Wrong or missing part received"),
            r(
                    FD,
                    "order",
                    "Can I change the address on my order, I put my old flat by mistake",
                    "Change delivery address"),
            // account
            r(TS, "account", "I can't log in, it says my account is locked", "Password reset and locked account"),
            r(
                    TS,
                    "account",
                    "Got a new phone and my authenticator codes are gone, how do I sign in?",
                    "Two-factor authentication lost phone"),
            r(TE, "account", "I forgot my password for the trade portal", "Trade account and portal access"),
            r(FD, "account", "The reset password email never arrives", "Account sign-in problems"),
            // cancellation
            r(
                    TS,
                    "cancellation",
                    "Please stop my subscription, we are moving to another provider",
                    "Cancel subscription"),
            r(
                    TE,
                    "cancellation",
                    "We need to cancel order 66231, the project was postponed",
                    "Cancel order or blanket contract"),
            r(FD, "cancellation", "I want to end my FoodPass, I don't use it enough", "Cancel FoodPass membership"),
            r(FD, "cancellation", "Cancel my order please, I ordered from the wrong restaurant", "Cancel an order"),
            // technical
            r(
                    TS,
                    "technical",
                    "Since yesterday's update the app closes as soon as I open it",
                    "App crashes after update"),
            r(
                    TS,
                    "technical",
                    "The internet keeps dropping every few minutes on my laptop",
                    "Wi-Fi and connection troubleshooting"),
            r(
                    TE,
                    "technical",
                    "The gearbox you supplied is making a grinding noise and running hot",
                    "Installation or fault support"),
            r(FD, "technical", "Checkout keeps showing an error and won't let me pay", "App not working"),
            // product
            r(
                    TS,
                    "product",
                    "Does the business plan work on Macs and how many devices does it cover?",
                    "Plan features and compatibility"),
            r(
                    TE,
                    "product",
                    "What's the material grade and max torque of your SS-40 coupling?",
                    "Technical datasheet and specification"),
            r(TE, "product", "Do you have 200 units of part HB-220 available right now?", "Stock availability"),
            r(
                    FD,
                    "product",
                    "Does the pad thai from Bangkok Street contain peanuts? My son is allergic",
                    "Allergens and ingredients"),
            // complaint
            r(
                    TS,
                    "complaint",
                    "This is the third time I've reported this and nobody has fixed it. Really poor service",
                    "Apology for poor experience"),
            r(
                    TE,
                    "complaint",
                    "Absolutely unacceptable that the pallet is late again, our line is stopped",
                    "Freight delivery delayed"),
            r(
                    FD,
                    "complaint",
                    "My burger was stone cold and the bun was soggy, disgusting",
                    "Cold or poor quality food"),
            // praise
            r(TS, "praise", "Thanks a lot, that fixed it straight away!", "Thanks for the kind words"),
            r(
                    TE,
                    "praise",
                    "Great job by your workshop on the custom shafts, they fit perfectly",
                    "Thank you for your business"),
            r(
                    FD,
                    "praise",
                    "The driver was so friendly and the food was amazing, thank you",
                    "Thanks for the feedback"),
            // human_agent
            r(TS, "human_agent", "Am I talking to a bot? I want a real person", "Transfer to a human specialist"),
            r(
                    TE,
                    "human_agent",
                    "Can an engineer phone me to discuss the drawing?",
                    "Put you in touch with an engineer"),
            r(FD, "human_agent", "Stop sending me automated answers, let me speak to someone", "Speak to a person"));

    static List<Ranker.Candidate> library(String customer) {
        var out = new ArrayList<Ranker.Candidate>();
        for (var e : DemoLibrary.LIBRARY.get(customer)) {
            out.add(new Ranker.Candidate(
                    Suggestion.LIBRARY, e.title(), e.title(), e.body(), e.categories(), SourceStats.NONE, null, ""));
        }
        return out;
    }

    record Result(int top1, int top3, int rows, List<String> misses) {}

    static Result evaluate(boolean withCategories) {
        int top1 = 0;
        int top3 = 0;
        var misses = new ArrayList<String>();
        for (var row : TABLE) {
            var cats = withCategories ? Map.of(row.category(), 0.85) : Map.<String, Double>of();
            var ranked = Ranker.rank(row.message(), cats, library(row.customer()), Ranker.DEFAULT_PRIOR, 3);
            var titles = ranked.stream().map(r -> r.candidate().title()).toList();
            if (!titles.isEmpty() && row.good().contains(titles.getFirst())) {
                top1++;
            }
            if (titles.stream().anyMatch(row.good()::contains)) {
                top3++;
            } else {
                misses.add(row.message() + " → " + titles);
            }
        }
        return new Result(top1, top3, TABLE.size(), misses);
    }

    @Test
    void theRightEntryIsInTheTopThreeForEveryCategory() {
        var withCategories = evaluate(true);
        var wordsOnly = evaluate(false);
        System.out.printf(
                "suggestion ranking, %d messages: with categories top-1 %.0f %% top-3 %.0f %%; "
                        + "words only top-1 %.0f %% top-3 %.0f %%%n",
                withCategories.rows(),
                100.0 * withCategories.top1() / withCategories.rows(),
                100.0 * withCategories.top3() / withCategories.rows(),
                100.0 * wordsOnly.top1() / wordsOnly.rows(),
                100.0 * wordsOnly.top3() / wordsOnly.rows());
        withCategories.misses().forEach(m -> System.out.println("  miss (categories): " + m));
        wordsOnly.misses().forEach(m -> System.out.println("  miss (words only): " + m));
        assertThat(TABLE.stream().map(Row::category).distinct()).hasSize(11);
        // not tuned on this table: a miss stays visible here and in the report rather than being fitted away
        assertThat(withCategories.top3())
                .as("messages whose entry is in the top 3")
                .isGreaterThanOrEqualTo(TABLE.size() * 95 / 100);
        assertThat(withCategories.top1())
                .as("messages whose entry is first")
                .isGreaterThanOrEqualTo(TABLE.size() * 3 / 4);
        assertThat(wordsOnly.top3()).as("words alone still find most").isGreaterThanOrEqualTo(TABLE.size() * 7 / 10);
    }

    @Test
    void anEntryRejectedTenTimesDropsBelowAnAlternative() {
        var message = "I can't log in, it says my account is locked";
        var cats = Map.of("account", 0.9);
        var fresh = Ranker.rank(message, cats, library(TS), Ranker.DEFAULT_PRIOR, 3);
        var first = fresh.getFirst().candidate().title();
        var second = fresh.get(1).candidate().title();
        var rejected = new ArrayList<Ranker.Candidate>();
        for (var c : library(TS)) {
            rejected.add(
                    c.title().equals(first)
                            ? new Ranker.Candidate(
                                    c.source(),
                                    c.ref(),
                                    c.title(),
                                    c.text(),
                                    c.categories(),
                                    new SourceStats(10, 0, 0, 10),
                                    null,
                                    "")
                            : c);
        }
        var after = Ranker.rank(message, cats, rejected, Ranker.DEFAULT_PRIOR, 3).stream()
                .map(r -> r.candidate().title())
                .toList();
        assertThat(after.indexOf(second))
                .isLessThan(after.indexOf(first) < 0 ? Integer.MAX_VALUE : after.indexOf(first));
    }

    @Test
    void aNewEntryStartsAtItsCustomersAverage() {
        var prior = Ranker.prior(new SourceStats(40, 20, 0, 20));
        assertThat(Ranker.feedback(SourceStats.NONE, prior)).isEqualTo(1.0);
        assertThat(Ranker.feedback(new SourceStats(10, 9, 1, 0), prior)).isGreaterThan(1.0);
        assertThat(Ranker.feedback(new SourceStats(10, 0, 0, 10), prior)).isLessThan(0.75);
    }

    @Test
    void everyReasonSaysWhy() {
        var ranked = Ranker.rank("refund for my yearly plan please", Map.of("refund", 0.8), library(TS), 0.3, 3);
        assertThat(ranked).isNotEmpty();
        assertThat(ranked.getFirst().reason())
                .contains("category refund (80 %)")
                .contains("words:");
    }

    /** Before the analysis, categories are only guessed from words: the card says so, without a percentage. */
    @Test
    void aGuessedCategoryIsNotShownAsTheMessagesCategory() {
        var ranked = Ranker.rank("refund for my yearly plan please", Map.of(), library(TS), 0.3, 3);
        assertThat(ranked).isNotEmpty();
        assertThat(ranked).allSatisfy(r -> assertThat(r.reason()).doesNotContainPattern("category \\w+ \\(\\d+ %\\)"));
        assertThat(ranked.getFirst().reason()).contains("words suggest refund");
    }

    /** The reason names the message's words as the contact wrote them, not their stems ("hardwar"). */
    @Test
    void theReasonsWordsAreTheMessagesWords() {
        var ranked = Ranker.rank(
                "refunding my yearly plan, cancelled it yesterday", Map.of("refund", 0.8), library(TS), 0.3, 3);
        assertThat(ranked).isNotEmpty();
        var reason = ranked.getFirst().reason();
        assertThat(reason).contains("words:");
        var words = reason.substring(reason.indexOf("words:") + 6).split("·")[0].split(",");
        var written = java.util.Set.of("refunding", "my", "yearly", "plan", "cancelled", "it", "yesterday");
        for (var w : words) {
            assertThat(written).as("reason word '" + w.strip() + "'").contains(w.strip());
        }
    }

    /** A sent copy of a library entry does not take a second place beside the entry itself. */
    @Test
    void aPastReplyThatIsAFilledLibraryEntryGivesWayToTheEntry() {
        var entry = new Ranker.Candidate(
                Suggestion.LIBRARY,
                "refund",
                "Refund for a missing order",
                "Hi {{contact.first_name}}, I'm sorry order {{order.number}} never arrived. I've refunded it in full. "
                        + "— {{agent.name}}",
                List.of("refund"),
                SourceStats.NONE,
                null,
                "");
        var copy = new Ranker.Candidate(
                Suggestion.PAST_REPLY,
                "m1",
                "Past reply",
                "Hi Maria,  I'm sorry order A12345 never arrived. I've refunded it in full. — Alex Agent",
                List.of(),
                SourceStats.NONE,
                0.9,
                "",
                "where is my order");
        var other = new Ranker.Candidate(
                Suggestion.PAST_REPLY,
                "m2",
                "Past reply",
                "Let me check with the warehouse and come back to you.",
                List.of(),
                SourceStats.NONE,
                0.8,
                "",
                "where is my order");
        assertThat(Ranker.withoutCopiesOfLibraryEntries(List.of(entry, copy, other)))
                .containsExactly(entry, other);
        assertThat(Ranker.withoutCopiesOfLibraryEntries(List.of(copy, other))).containsExactly(copy, other);
    }
}

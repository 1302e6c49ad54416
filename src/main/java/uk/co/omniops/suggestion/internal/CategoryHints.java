package uk.co.omniops.suggestion.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A small word list per default taxonomy key, used only when a message has no analysed categories yet (on-demand
 * suggestions before analysis finished, or auto-categorisation off): each hit counts as a weak category signal.
 */
final class CategoryHints {

    static final double HINT_CONFIDENCE = 0.5;

    private static final Map<String, Set<String>> WORDS = Map.ofEntries(
            Map.entry(
                    "billing",
                    stems(
                            "invoice",
                            "bill",
                            "billing",
                            "charged",
                            "charge",
                            "payment",
                            "vat",
                            "receipt",
                            "subscription",
                            "price",
                            "card",
                            "overcharged",
                            "fee",
                            "statement")),
            Map.entry(
                    "refund",
                    stems(
                            "refund",
                            "refunded",
                            "money",
                            "reimburse",
                            "reimbursement",
                            "compensation",
                            "credit",
                            "chargeback",
                            "repay")),
            Map.entry(
                    "delivery",
                    stems(
                            "delivery",
                            "delivered",
                            "deliver",
                            "shipping",
                            "shipment",
                            "courier",
                            "tracking",
                            "arrive",
                            "arrived",
                            "late",
                            "driver",
                            "dispatch",
                            "dispatched",
                            "eta",
                            "parcel",
                            "freight")),
            Map.entry(
                    "order",
                    stems(
                            "order",
                            "ordered",
                            "basket",
                            "item",
                            "items",
                            "quantity",
                            "purchase",
                            "change",
                            "amend",
                            "address",
                            "missing",
                            "wrong")),
            Map.entry(
                    "account",
                    stems(
                            "account",
                            "password",
                            "login",
                            "log",
                            "sign",
                            "email",
                            "username",
                            "profile",
                            "locked",
                            "reset",
                            "verification",
                            "2fa",
                            "authenticator")),
            Map.entry(
                    "cancellation",
                    stems(
                            "cancel",
                            "cancellation",
                            "cancelled",
                            "terminate",
                            "unsubscribe",
                            "stop",
                            "close",
                            "contract",
                            "renewal",
                            "end")),
            Map.entry(
                    "technical",
                    stems(
                            "error",
                            "crash",
                            "crashes",
                            "bug",
                            "broken",
                            "working",
                            "install",
                            "update",
                            "firmware",
                            "wifi",
                            "connection",
                            "app",
                            "screen",
                            "freeze",
                            "slow",
                            "code",
                            "reboot",
                            "printer")),
            Map.entry(
                    "product",
                    stems(
                            "spec",
                            "specification",
                            "compatible",
                            "compatibility",
                            "dimensions",
                            "stock",
                            "material",
                            "model",
                            "feature",
                            "ingredients",
                            "allergen",
                            "vegan",
                            "size",
                            "datasheet",
                            "warranty")),
            Map.entry(
                    "complaint",
                    stems(
                            "unacceptable",
                            "terrible",
                            "awful",
                            "disappointed",
                            "complaint",
                            "complain",
                            "rude",
                            "worst",
                            "ridiculous",
                            "angry",
                            "furious",
                            "disgusting",
                            "cold",
                            "poor")),
            Map.entry(
                    "praise",
                    stems(
                            "thank",
                            "thanks",
                            "great",
                            "excellent",
                            "amazing",
                            "brilliant",
                            "love",
                            "fantastic",
                            "helpful",
                            "perfect",
                            "awesome",
                            "appreciate",
                            "superb")),
            Map.entry(
                    "human_agent",
                    stems(
                            "human",
                            "person",
                            "manager",
                            "supervisor",
                            "real",
                            "speak",
                            "talk",
                            "call",
                            "phone",
                            "someone",
                            "representative",
                            "bot",
                            "robot")));

    private CategoryHints() {}

    /** Taxonomy keys whose words occur in the text, each with {@link #HINT_CONFIDENCE}; empty when none. */
    static Map<String, Double> guess(Set<String> words) {
        var out = new LinkedHashMap<String, Double>();
        WORDS.forEach((key, hints) -> {
            if (hints.stream().anyMatch(words::contains)) {
                out.put(key, HINT_CONFIDENCE);
            }
        });
        return out;
    }

    private static Set<String> stems(String... words) {
        var out = new java.util.HashSet<String>();
        for (var w : words) {
            out.add(Texts.stem(w));
            out.add(w);
        }
        return Set.copyOf(out);
    }
}

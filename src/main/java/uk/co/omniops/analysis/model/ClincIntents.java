package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CLINC150 (Larson et al., EMNLP 2019): reader and mapping of its intents to our keys. */
final class ClincIntents {

    private ClincIntents() {}

    /** Every {@code [utterance, intent]} row of every split, in file order ("oos" rows included). */
    static List<String[]> read(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                if (depth == 2 && strings.size() == 2) {
                    rows.add(new String[] {strings.get(0), strings.get(1)});
                }
                strings.clear();
                depth--;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                for (i++; json.charAt(i) != '"'; i++) {
                    char ch = json.charAt(i);
                    if (ch == '\\') {
                        char e = json.charAt(++i);
                        switch (e) {
                            case 'n' -> b.append('\n');
                            case 't' -> b.append('\t');
                            case 'u' -> {
                                b.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                                i += 4;
                            }
                            default -> b.append(e);
                        }
                    } else {
                        b.append(ch);
                    }
                }
                if (depth == 2) {
                    strings.add(b.toString());
                }
            }
        }
        return rows;
    }

    /**
     * Sentiment label of a CLINC150 intent as a support agent would read it: reports of something
     * gone wrong are negative, thanks positive, every other request or chat line neutral.
     */
    static int sentimentOf(String intent) {
        return switch (intent) {
            case "card_declined",
                    "report_fraud",
                    "report_lost_card",
                    "damaged_card",
                    "lost_luggage",
                    "account_blocked" -> 0;
            case "thank_you" -> 2;
            default -> 1;
        };
    }

    /** Our keys for a CLINC150 intent; most intents (and "oos") are about none of them. */
    static int[] categoriesOf(String intent, List<String> keys) {
        String key = switch (intent) {
            case "bill_due",
                    "pay_bill",
                    "bill_balance",
                    "min_payment",
                    "international_fees",
                    "card_declined",
                    "transactions",
                    "spending_history",
                    "apr",
                    "interest_rate" -> "billing";
            case "order_status", "order" -> "order";
            case "replacement_card_duration" -> "delivery";
            case "freeze_account",
                    "account_blocked",
                    "pin_change",
                    "report_lost_card",
                    "new_card",
                    "expiration_date",
                    "report_fraud",
                    "user_name",
                    "change_user_name" -> "account";
            case "cancel_reservation" -> "cancellation";
            case "damaged_card", "sync_device", "reset_settings", "find_phone" -> "technical";
            case "thank_you" -> "praise";
            default -> null;
        };
        return key == null ? new int[0] : new int[] {keys.indexOf(key)};
    }
}

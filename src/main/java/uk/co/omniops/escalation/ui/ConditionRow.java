package uk.co.omniops.escalation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import uk.co.omniops.escalation.internal.Condition;

/** One leaf condition in the rule editor: a type and its value(s), turned into a {@link Condition} on save. */
class ConditionRow extends HorizontalLayout {

    enum Type {
        SENTIMENT("Sentiment at most", "Score 0–1, blank = default"),
        CONSECUTIVE("Negative messages in a row", "How many, 2–20"),
        ANGRY("Strongly negative messages, at least", "How many, 1–20 (sentiment ≤ default)"),
        INTENT("Customer intent is any of", "manager, cancel, chargeback, legal, regulator, public, abuse, human"),
        DROP("Sentiment drops by more than", "0–1, e.g. 0.5"),
        KEYWORDS("Says any of", "Phrases, comma-separated"),
        CATEGORY("Category is any of", "Keys, e.g. complaint, human_agent"),
        WAITING("Waiting longer than (minutes)", "Minutes without a reply; empty: the first-response SLA"),
        VIP("Contact is VIP", ""),
        RISK("Predicted risk at least", "0–1, e.g. 0.8");

        final String label;
        final String hint;

        Type(String label, String hint) {
            this.label = label;
            this.hint = hint;
        }
    }

    final Select<Type> type = new Select<>();
    final TextField value = new TextField();
    final TextField confidence = new TextField();

    ConditionRow(Runnable onRemove) {
        setAlignItems(FlexComponent.Alignment.BASELINE);
        addClassName("omniops-condition-row");
        type.setItems(Type.values());
        type.setItemLabelGenerator(t -> t.label);
        type.setAriaLabel("Condition type");
        type.setWidth("16rem");
        value.setAriaLabel("Condition value");
        value.setWidth("20rem");
        confidence.setAriaLabel("Minimum confidence");
        confidence.setPlaceholder("confidence, blank = default");
        confidence.setWidth("12rem");
        type.addValueChangeListener(e -> adapt());
        var remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> onRemove.run());
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        remove.setAriaLabel("Remove condition");
        add(type, value, confidence, remove);
        type.setValue(Type.SENTIMENT);
    }

    private void adapt() {
        var t = type.getValue();
        value.setPlaceholder(t == null ? "" : t.hint);
        value.setVisible(t != Type.VIP);
        confidence.setVisible(t == Type.SENTIMENT || t == Type.ANGRY);
        confidence.setAriaLabel(t == Type.ANGRY ? "Sentiment at most" : "Minimum confidence");
        confidence.setPlaceholder(t == Type.ANGRY ? "sentiment, blank = default" : "confidence, blank = default");
        value.setInvalid(false);
    }

    /** Fills the row from a leaf condition. */
    void show(Condition c) {
        switch (c) {
            case Condition.Sentiment s -> {
                type.setValue(Type.SENTIMENT);
                value.setValue(s.threshold() == null ? "" : fmt(s.threshold()));
                confidence.setValue(s.minConfidence() == null ? "" : fmt(s.minConfidence()));
            }
            case Condition.ConsecutiveNegative n -> set(Type.CONSECUTIVE, String.valueOf(n.count()));
            case Condition.AngryMessages a -> {
                set(Type.ANGRY, String.valueOf(a.count()));
                confidence.setValue(a.threshold() == null ? "" : fmt(a.threshold()));
            }
            case Condition.Intents i ->
                set(Type.INTENT, i.keys().stream().sorted().collect(Collectors.joining(", ")));
            case Condition.SentimentDrop d -> set(Type.DROP, fmt(d.delta()));
            case Condition.Keywords k -> set(Type.KEYWORDS, String.join(", ", k.phrases()));
            case Condition.Category cat ->
                set(Type.CATEGORY, cat.keys().stream().sorted().collect(Collectors.joining(", ")));
            case Condition.Waiting w -> set(Type.WAITING, w.minutes() == null ? "" : String.valueOf(w.minutes()));
            case Condition.Vip v -> set(Type.VIP, "");
            case Condition.Risk r -> set(Type.RISK, fmt(r.min()));
            default -> throw new IllegalArgumentException("not a leaf condition");
        }
    }

    private void set(Type t, String v) {
        type.setValue(t);
        value.setValue(v);
    }

    /** @throws Condition.InvalidCondition with the message shown on the value field */
    Condition read() {
        var t = type.getValue();
        var v = value.getValue().strip();
        try {
            var condition = parse(t, v);
            // a value corrected after a failed save: the server's invalid flag would otherwise stay set, and the next
            // failure would change nothing the browser sees (the field shows no error again)
            value.setInvalid(false);
            return condition;
        } catch (Condition.InvalidCondition e) {
            value.setErrorMessage(e.getMessage());
            value.setInvalid(true);
            throw e;
        }
    }

    private Condition parse(Type t, String v) {
        return switch (t) {
            case SENTIMENT ->
                new Condition.Sentiment(
                        v.isEmpty() ? null : fraction(v),
                        confidence.getValue().isBlank()
                                ? null
                                : fraction(confidence.getValue().strip()));
            case CONSECUTIVE -> new Condition.ConsecutiveNegative(whole(v, 2, 20));
            case ANGRY ->
                new Condition.AngryMessages(
                        whole(v, 1, 20),
                        confidence.getValue().isBlank()
                                ? null
                                : fraction(confidence.getValue().strip()));
            case INTENT -> intents(list(v));
            case DROP -> new Condition.SentimentDrop(fraction(v));
            case KEYWORDS -> new Condition.Keywords(list(v));
            case CATEGORY -> new Condition.Category(Set.copyOf(list(v)));
            case WAITING -> new Condition.Waiting(v.isEmpty() ? null : whole(v, 1, 10_080));
            case VIP -> new Condition.Vip();
            case RISK -> new Condition.Risk(fraction(v));
        };
    }

    private static Condition intents(List<String> keys) {
        var json = Condition.toJson(new Condition.Intents(Set.copyOf(keys)));
        return Condition.parse(json); // validates the keys with the editor's message
    }

    private static List<String> list(String v) {
        var items = Arrays.stream(v.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        if (items.isEmpty()) {
            throw new Condition.InvalidCondition("Enter at least one, separated by commas");
        }
        return items;
    }

    private static double fraction(String v) {
        try {
            var d = Double.parseDouble(v.replace(',', '.'));
            if (d < 0 || d > 1) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new Condition.InvalidCondition("Enter a number from 0 to 1");
        }
    }

    private static int whole(String v, int min, int max) {
        try {
            var i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new Condition.InvalidCondition("Enter a whole number from " + min + " to " + max);
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}

package uk.co.omniops.escalation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.escalation.internal.Condition;

/**
 * Edits the condition tree: a flat "all of"/"any of" list of leaf conditions; deeper trees (such as the default
 * VIP rule) are edited as JSON.
 */
class ConditionEditor extends VerticalLayout {

    private final Select<String> combinator = new Select<>();
    private final VerticalLayout rows = new VerticalLayout();
    private final List<ConditionRow> conditionRows = new ArrayList<>();
    private final @Nullable TextArea json;

    ConditionEditor(Condition initial) {
        setPadding(false);
        setSpacing(false);
        addClassName("omniops-condition-editor");
        var flat = flatten(initial);
        if (flat == null) {
            json = new TextArea("Condition (JSON)");
            json.setId("rule-condition-json");
            json.setWidthFull();
            json.setValue(Condition.toJson(initial));
            json.setHelperText("This condition nests AND/OR groups; edit it as JSON. Types: sentiment, "
                    + "consecutive_negative, angry_messages, intent, sentiment_drop, keywords, category, waiting, vip, risk, "
                    + "all, any.");
            add(json);
            return;
        }
        json = null;
        combinator.setLabel("Escalate when");
        combinator.setId("rule-combinator");
        combinator.setItems("all of these match", "any of these match");
        combinator.setValue(initial instanceof Condition.Any ? "any of these match" : "all of these match");
        rows.setPadding(false);
        rows.setSpacing(false);
        flat.forEach(this::addRow);
        var add = new Button("Add condition", click -> addRow(null));
        add.setId("add-condition");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(combinator, rows, add);
    }

    private void addRow(@Nullable Condition leaf) {
        var holder = new ConditionRow[1];
        holder[0] = new ConditionRow(() -> {
            if (conditionRows.size() > 1) {
                conditionRows.remove(holder[0]);
                rows.remove(holder[0]);
            }
        });
        if (leaf != null) {
            holder[0].show(leaf);
        }
        conditionRows.add(holder[0]);
        rows.add(holder[0]);
    }

    Condition read() {
        if (json != null) {
            try {
                var parsed = Condition.parse(json.getValue());
                json.setInvalid(false);
                return parsed;
            } catch (Condition.InvalidCondition e) {
                json.setErrorMessage(e.getMessage());
                json.setInvalid(true);
                throw e;
            }
        }
        var leaves = new ArrayList<Condition>();
        for (var row : conditionRows) {
            leaves.add(row.read());
        }
        if (leaves.size() == 1) {
            return leaves.getFirst();
        }
        return "any of these match".equals(combinator.getValue())
                ? new Condition.Any(leaves)
                : new Condition.All(leaves);
    }

    /** The leaves of a one-level tree, or null when it nests deeper. */
    private static @Nullable List<Condition> flatten(Condition c) {
        List<Condition> children = switch (c) {
            case Condition.All all -> all.conditions();
            case Condition.Any any -> any.conditions();
            default -> List.of(c);
        };
        return children.stream().anyMatch(x -> x instanceof Condition.All || x instanceof Condition.Any)
                ? null
                : children;
    }
}

package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import uk.co.omniops.analysis.CategoryDefinition;

/** An agent's correction of one message's categories: the customer's categories, the message's checked. */
class CategoriesDialog extends Dialog {

    /**
     * @param categories the customer's categories (retired ones only when the message has them)
     * @param current the message's category keys now
     * @param save runs on "Save" with the keys to add and the keys to remove, both empty when nothing changed
     */
    CategoriesDialog(
            List<CategoryDefinition> categories, Set<String> current, BiConsumer<Set<String>, Set<String>> save) {
        setId("categories-dialog");
        setHeaderTitle("Categories of this message");
        var choice = new CheckboxGroup<CategoryDefinition>("Categories");
        choice.setId("categories-choice");
        choice.setItems(categories);
        choice.setItemLabelGenerator(CategoryDefinition::displayName);
        choice.setValue(
                categories.stream().filter(c -> current.contains(c.key())).collect(Collectors.toSet()));
        choice.addClassName("omniops-categories-choice");
        var saveButton = new Button("Save", e -> {
            var chosen = choice.getValue().stream().map(CategoryDefinition::key).collect(Collectors.toSet());
            var add = new HashSet<>(chosen);
            add.removeAll(current);
            var remove = new HashSet<>(current);
            remove.removeAll(chosen);
            close();
            save.accept(add, remove);
        });
        saveButton.setId("categories-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", e -> close());
        add(new Paragraph("Your choice teaches this customer's model (default categories)."), choice);
        getFooter().add(cancel, saveButton);
    }
}

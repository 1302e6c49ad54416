package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import java.util.List;
import java.util.function.Consumer;
import uk.co.omniops.tenancy.UserAccount;

/** Asks who takes the open conversation over. */
class TransferDialog extends Dialog {

    private final ComboBox<UserAccount> to = new ComboBox<>("Transfer to");

    /**
     * @param people who may take it (agents and supervisors other than the assignee), in the order shown
     * @param transfer runs with the chosen person when the agent confirms
     */
    TransferDialog(List<UserAccount> people, Consumer<UserAccount> transfer) {
        setHeaderTitle("Transfer conversation");
        setId("transfer-dialog");
        to.setId("transfer-to");
        to.setItems(people);
        to.setItemLabelGenerator(u -> u.displayName() + " (" + u.role().displayName() + ")");
        to.setWidthFull();
        to.setHelperText(people.isEmpty() ? "Nobody else can take this conversation." : null);
        var ok = new Button("Transfer", e -> {
            if (to.getValue() == null) {
                to.setInvalid(true);
                to.setErrorMessage("Choose who takes over");
                return;
            }
            transfer.accept(to.getValue());
            close();
        });
        ok.setId("transfer-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", e -> close());
        add(to);
        getFooter().add(cancel, ok);
    }

    @Override
    public void open() {
        super.open();
        to.focus();
    }
}

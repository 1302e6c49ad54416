package uk.co.omniops.rollout.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/** Asks for the mandatory reason of a rollout change; the change runs only with a non-blank reason. */
class ReasonDialog extends Dialog {

    ReasonDialog(String what, Consumer<String> onConfirm) {
        setHeaderTitle("Reason for this change");
        setId("reason-dialog");
        var summary = new Paragraph(what);
        summary.setId("reason-summary");
        var reason = new TextArea("Reason");
        reason.setId("reason-text");
        reason.setRequired(true);
        reason.setWidthFull();
        reason.setMaxLength(500);
        reason.setHelperText("Stored in the audit log with your name");
        var confirm = new Button("Apply change", e -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage("A reason is required");
                return;
            }
            close();
            onConfirm.accept(reason.getValue().strip());
        });
        confirm.setId("reason-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        var cancel = new Button("Cancel", e -> close());
        add(summary, reason);
        setWidth("28rem");
        getFooter().add(cancel, confirm);
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                reason.focus();
            }
        });
    }
}

package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

/** The list of {@link InboxShortcuts#SHORTCUTS}, opened with "?" or the toolbar's help button. */
class ShortcutHelp extends Dialog {

    ShortcutHelp() {
        setId("shortcut-dialog");
        setHeaderTitle("Keyboard shortcuts");
        var list = new Div();
        list.addClassName("omniops-shortcuts");
        list.getElement().setAttribute("role", "list");
        for (var s : InboxShortcuts.SHORTCUTS) {
            var key = new Span(s[0]);
            key.addClassName("omniops-kbd");
            var what = new Span(s[1]);
            var row = new Div(key, what);
            row.getElement().setAttribute("role", "listitem");
            row.addClassName("omniops-shortcut");
            list.add(row);
        }
        add(new Paragraph("Single keys work whenever you are not typing in a field."), list);
        var close = new Button("Close", e -> close());
        close.setId("shortcut-dialog-close");
        getFooter().add(close);
    }
}

package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import java.util.List;

/**
 * The workspace's single-key shortcuts: a document key listener in the browser that calls the view's
 * {@code shortcut(key)} ({@code @ClientCallable}) unless the agent is typing in a field or a dialog is open.
 */
final class InboxShortcuts {

    /** Every keyboard shortcut of the workspace, for the help dialog. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"j", "Next conversation"},
            new String[] {"k", "Previous conversation"},
            new String[] {"a", "Assign the open conversation to me"},
            new String[] {"t", "Transfer the open conversation"},
            new String[] {"r", "Reply: focus the composer"},
            new String[] {"n", "Write an internal note"},
            new String[] {"e", "Resolve the open conversation"},
            new String[] {"o", "Reopen the open conversation"},
            new String[] {"1 / 2 / 3", "Show mine / unassigned / all"},
            new String[] {"Ctrl+Enter", "Send the reply or note (in the composer)"},
            new String[] {"Esc", "Close a dialog"},
            new String[] {"?", "Show this help"});

    private InboxShortcuts() {}

    /**
     * Listens for the single keys on the page and hands them to {@code view}'s {@code shortcut(String)}; replaces an
     * earlier listener of this tab, and removes itself once the view left the page.
     */
    static void install(Component view) {
        view.getElement().executeJs("""
                const view = this;
                if (window.__omniopsInboxKeys) document.removeEventListener('keydown', window.__omniopsInboxKeys);
                const keys = ['j', 'k', 'a', 't', 'r', 'n', 'e', 'o', '1', '2', '3', '?'];
                const typing = n => n instanceof HTMLElement && (n.matches('input, textarea, select, [contenteditable]')
                    || ['VAADIN-SELECT', 'VAADIN-COMBO-BOX', 'VAADIN-TEXT-AREA', 'VAADIN-TEXT-FIELD'].includes(n.tagName));
                const handler = e => {
                  if (!view.isConnected) { document.removeEventListener('keydown', handler); return; }
                  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
                  if (!keys.includes(e.key)) return;
                  if (e.composedPath().some(typing)) return;
                  if (document.querySelector('vaadin-dialog[opened], vaadin-dialog-overlay[opened]')) return;
                  e.preventDefault();
                  view.$server.shortcut(e.key);
                };
                window.__omniopsInboxKeys = handler;
                document.addEventListener('keydown', handler);
                """);
    }

    /** Removes the listener from the tab. */
    static void uninstall(UI ui) {
        ui.getPage()
                .executeJs(
                        "if (window.__omniopsInboxKeys) { document.removeEventListener('keydown', window.__omniopsInboxKeys);"
                                + " delete window.__omniopsInboxKeys; }");
    }
}

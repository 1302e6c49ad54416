package uk.co.omniops.shell;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.theme.lumo.Lumo;

/** Page-wide settings: server push for live updates, Lumo plus our stylesheet from {@code themes/}. */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("themes/omniops.css")
@Meta(name = "description", content = "OmniOps agent workspace")
public class AppShell implements AppShellConfigurator {
}

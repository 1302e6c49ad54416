package uk.co.omniops.shell;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Inline;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.server.LoadDependenciesOnStartup;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Page-wide settings: server push for live updates, Lumo plus our stylesheet from {@code themes/}, and one
 * production bundle loaded at start-up.
 *
 * <p>Why {@link LoadDependenciesOnStartup}: without it the production bundle holds one lazy chunk per route, and
 * Vaadin reuses the committed {@code src/main/bundles/prod.bundle} when the application's set of frontend imports is
 * unchanged. That check does not look at which route's chunk holds an import, so a bundle built while a view was a
 * placeholder passed as current after the view gained a grid and charts, and the view broke in the jar only. With
 * every import in the start-up bundle, the reuse check covers everything a page can need, and production loads what
 * development mode loads.
 *
 * @see <a href="../../../../../../docs/decisions/017-one-production-bundle.md">decision 017</a>
 */
@LoadDependenciesOnStartup
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("themes/omniops.css")
@Meta(name = "description", content = "OmniOps agent workspace")
public class AppShell implements AppShellConfigurator {

    /** The product's icon: SVG where the browser takes it, {@code /favicon.ico} (16, 32, 48 px) otherwise. */
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", "images/omniops.svg", "any");
        settings.addLink("alternate icon", "favicon.ico");
        // Vaadin appends its connection indicator to <body>, outside every landmark; it announces the connection's
        // state, so it is a status region (axe rule "region")
        settings.addInlineWithContents(Inline.Position.APPEND, """
                customElements.whenDefined('vaadin-connection-indicator').then(() => {
                  const mark = () => document.querySelectorAll('vaadin-connection-indicator:not([role])')
                      .forEach(indicator => indicator.setAttribute('role', 'status'));
                  mark();
                  new MutationObserver(mark).observe(document.body, { childList: true });
                });""", Inline.Wrapping.JAVASCRIPT);
    }
}

package uk.co.omniops.shell;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import jakarta.annotation.security.PermitAll;
import uk.co.omniops.tenancy.OmniOpsUser;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * The frame around every signed-in view: navigation built from the {@code @Menu} entries the user may
 * open (Vaadin filters them by access annotations), who is signed in for which customer, light/dark
 * mode and sign-out. A user with a single page (an agent's inbox) gets no navigation drawer: 250 px for one
 * item would be taken from the conversation.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    private static final String THEME_ATTRIBUTE = "omniops.theme";

    private final CurrentUser currentUser;
    private final TenancyManagement tenancy;

    MainLayout(CurrentUser currentUser, TenancyManagement tenancy) {
        this.currentUser = currentUser;
        this.tenancy = tenancy;
        var user = currentUser.require();

        var toggle = new DrawerToggle();
        toggle.setAriaLabel("Toggle navigation");
        var title = new H1("OmniOps");
        title.addClassName("omniops-brand");

        var who = new Span(user.displayName() + " · " + user.role().displayName()
                + user.account()
                        .customerId()
                        .map(c -> " · " + user.account().customerName())
                        .orElse(""));
        who.setId("current-user");
        who.addClassName("omniops-who");

        var themeButton = new Button(new Icon(VaadinIcon.ADJUST), e -> toggleTheme());
        themeButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        themeButton.setAriaLabel("Switch light or dark mode");
        themeButton.setId("theme-toggle");
        themeButton.setTooltipText("Light / dark mode");

        var logout = new Button("Sign out", new Icon(VaadinIcon.SIGN_OUT), e -> currentUser.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");

        var entries = MenuConfiguration.getMenuEntries();
        var header = entries.size() > 1
                ? new HorizontalLayout(toggle, title, new Div(), who, themeButton, logout)
                : new HorizontalLayout(title, new Div(), who, themeButton, logout);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(header.getComponentAt(entries.size() > 1 ? 2 : 1));
        header.addClassName("omniops-header");
        // landmarks: the bar is the page's banner, the view its main region (axe: every content in a region)
        header.getElement().setAttribute("role", "banner");
        addToNavbar(header);

        if (entries.size() > 1) {
            addToDrawer(navigation(entries));
            setPrimarySection(Section.DRAWER);
        } else {
            setDrawerOpened(false);
            addClassName("omniops-no-drawer");
        }
    }

    private SideNav navigation(java.util.List<MenuEntry> entries) {
        var nav = new SideNav();
        nav.setLabel("Main");
        nav.setId("main-nav");
        for (MenuEntry entry : entries) {
            var item = entry.icon() == null
                    ? new SideNavItem(entry.title(), entry.path())
                    : new SideNavItem(entry.title(), entry.path(), iconFor(entry.icon()));
            nav.addItem(item);
        }
        return nav;
    }

    private static Icon iconFor(String icon) {
        var parts = icon.split(":");
        return parts.length == 2 ? new Icon(parts[0], parts[1]) : new Icon(VaadinIcon.CIRCLE_THIN);
    }

    /** The routed view is the page's one main landmark. */
    @Override
    public void showRouterLayoutContent(HasElement content) {
        super.showRouterLayoutContent(content);
        content.getElement().setAttribute("role", "main");
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        attachEvent.getUI().getPage().setColorScheme(isDark() ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT);
    }

    private boolean isDark() {
        var session = com.vaadin.flow.server.VaadinSession.getCurrent();
        var chosen = session == null ? null : (String) session.getAttribute(THEME_ATTRIBUTE);
        var user = currentUser.require();
        return "dark".equals(chosen != null ? chosen : user.account().theme());
    }

    private void toggleTheme() {
        var next = isDark() ? "light" : "dark";
        OmniOpsUser user = currentUser.require();
        tenancy.changeTheme(user.account(), next);
        com.vaadin.flow.server.VaadinSession.getCurrent().setAttribute(THEME_ATTRIBUTE, next);
        getUI().ifPresent(ui ->
                ui.getPage().setColorScheme("dark".equals(next) ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT));
    }
}

package uk.co.omniops.tenancy.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import uk.co.omniops.tenancy.ApiKey;
import uk.co.omniops.tenancy.ApiKeyManagement;
import uk.co.omniops.tenancy.DemoData;
import uk.co.omniops.tenancy.OmniOpsUser;

/**
 * Supervisors manage their customer's API keys: list, create (the key is shown once), revoke. Reads the
 * signed-in user from Vaadin's {@link AuthenticationContext} rather than {@code shell.CurrentUser}: {@code shell}
 * depends on {@code tenancy}, so the other direction would be a module cycle.
 */
@Route("settings/api-keys")
@PageTitle("API keys · OmniOps")
@Menu(order = 20, title = "API keys", icon = "vaadin:key")
@RolesAllowed("SUPERVISOR")
class ApiKeysView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final ApiKeyManagement apiKeys;
    private final OmniOpsUser user;
    private final Grid<ApiKey> grid = new Grid<>(ApiKey.class, false);

    ApiKeysView(
            ApiKeyManagement apiKeys,
            AuthenticationContext authentication,
            @Value("${omniops.demo.enabled:false}") boolean demo) {
        this.apiKeys = apiKeys;
        this.user = authentication
                .getAuthenticatedUser(OmniOpsUser.class)
                .orElseThrow(() -> new IllegalStateException("no signed-in user"));
        setId("api-keys");
        setSizeFull();

        var create = new Button("Create API key", VaadinIcon.PLUS.create(), e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-api-key");
        var header = new HorizontalLayout(new H2("API keys"), create);
        header.setWidthFull();
        header.setAlignItems(Alignment.CENTER);
        header.expand(header.getComponentAt(0));
        add(
                header,
                new Paragraph("Your systems send conversations and messages to OmniOps with these keys "
                        + "(Authorization: Bearer <key>). A key is shown once, when it is created."));
        if (demo) {
            var slug = user.account().customerSlug();
            var note = new Paragraph("Demo data is on: this customer also has the development key "
                    + (slug == null ? "dev-<slug>-key" : DemoData.apiKey(slug))
                    + " (never use demo keys in production).");
            note.setId("dev-keys-note");
            add(note);
        }

        grid.addColumn(ApiKey::name).setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(k -> k.prefix() + "…").setHeader("Key").setAutoWidth(true);
        grid.addColumn(k -> format(k.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(k -> k.lastUsedAt() == null ? "never" : format(k.lastUsedAt()))
                .setHeader("Last used")
                .setAutoWidth(true);
        grid.addComponentColumn(k -> {
                    var status = new Span(k.active() ? "Active" : "Revoked " + format(k.revokedAt()));
                    status.getElement().getThemeList().add(k.active() ? "badge success" : "badge contrast");
                    return status;
                })
                .setHeader("Status")
                .setAutoWidth(true);
        grid.addComponentColumn(k -> {
                    var revoke = new Button("Revoke", e -> confirmRevoke(k));
                    revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                    revoke.setAriaLabel("Revoke " + k.name());
                    revoke.setVisible(k.active());
                    return revoke;
                })
                .setHeader("Actions")
                .setAutoWidth(true);
        grid.setId("api-key-grid");
        grid.setAllRowsVisible(false);
        addAndExpand(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(apiKeys.list(customer()));
    }

    private uk.co.omniops.tenancy.CustomerId customer() {
        return user.customerId().orElseThrow(() -> new IllegalStateException("a supervisor belongs to a customer"));
    }

    private void openCreateDialog() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Create API key");
        var name = new TextField("Name");
        name.setPlaceholder("e.g. Website chat widget");
        name.setRequired(true);
        name.setMaxLength(100);
        name.setWidthFull();
        dialog.add(name);
        var cancel = new Button("Cancel", e -> dialog.close());
        var create = new Button("Create", e -> {
            if (name.getValue().isBlank()) {
                name.setInvalid(true);
                name.setErrorMessage("Give the key a name");
                return;
            }
            var created = apiKeys.create(customer(), name.getValue(), user.getUsername());
            dialog.close();
            refresh();
            showOnce(created.key().name(), created.plaintext());
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(cancel, create);
        dialog.open();
        name.focus();
    }

    private void showOnce(String name, String plaintext) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("API key \u201c" + name + "\u201d created");
        dialog.setCloseOnOutsideClick(false);
        var key = new TextField("API key");
        key.setValue(plaintext);
        key.setReadOnly(true);
        key.setWidth("32em");
        key.setId("new-api-key");
        var copy = new Button("Copy", VaadinIcon.COPY.create(), e -> {
            key.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", plaintext);
            Notification.show("Copied to the clipboard");
        });
        copy.setId("copy-api-key");
        var row = new HorizontalLayout(key, copy);
        row.setAlignItems(Alignment.BASELINE);
        dialog.add(new Paragraph("Copy the key now: it is shown only this once and cannot be retrieved later."), row);
        var done = new Button("Done", e -> dialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.open();
    }

    private void confirmRevoke(ApiKey key) {
        var confirm = new ConfirmDialog(
                "Revoke \u201c" + key.name() + "\u201d?",
                "Systems using this key (" + key.prefix()
                        + "…) will get 401 Unauthorized at once. This cannot be undone.",
                "Revoke",
                e -> {
                    apiKeys.revoke(customer(), key.id());
                    refresh();
                    Notification.show("API key revoked");
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private static String format(@Nullable Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}

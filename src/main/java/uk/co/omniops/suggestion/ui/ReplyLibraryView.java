package uk.co.omniops.suggestion.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.platform.Plural;
import uk.co.omniops.suggestion.KnowledgeSnippet;
import uk.co.omniops.suggestion.ReplyDraft;
import uk.co.omniops.suggestion.ReplyEntry;
import uk.co.omniops.suggestion.ReplyProposal;
import uk.co.omniops.suggestion.SourceStats;
import uk.co.omniops.suggestion.SuggestionManagement;
import uk.co.omniops.suggestion.SuggestionRejected;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.OmniOpsUser;

/**
 * Supervisors manage their customer's reply library (with each entry's acceptance rate), the proposals that come
 * from agents' repeated edits, and the knowledge snippets. Reads the signed-in user from Vaadin's
 * {@link AuthenticationContext} (no dependency on the shell module).
 */
@Route("settings/replies")
@PageTitle("Reply library · OmniOps")
@Menu(order = 21, title = "Reply library", icon = "vaadin:comments")
@RolesAllowed("SUPERVISOR")
class ReplyLibraryView extends VerticalLayout {

    private final SuggestionManagement suggestions;
    private final OmniOpsUser user;
    private final CustomerId customer;
    private final Grid<ReplyEntry> entries = new Grid<>(ReplyEntry.class, false);
    private final Grid<ReplyProposal> proposals = new Grid<>(ReplyProposal.class, false);
    private final Grid<KnowledgeSnippet> snippets = new Grid<>(KnowledgeSnippet.class, false);
    private final Span figures = new Span();
    private final TabSheet tabs = new TabSheet();
    private final Span proposalCount = new Span();

    ReplyLibraryView(SuggestionManagement suggestions, AuthenticationContext authentication) {
        this.suggestions = suggestions;
        this.user = authentication
                .getAuthenticatedUser(OmniOpsUser.class)
                .orElseThrow(() -> new IllegalStateException("no signed-in user"));
        this.customer = user.customerId().orElseThrow(() -> new IllegalStateException("supervisor without customer"));
        setId("reply-library");
        setSizeFull();

        var create = new Button("New reply", VaadinIcon.PLUS.create(), e -> editEntry(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-reply");
        var header = new HorizontalLayout(new H2("Reply library"), create);
        header.setWidthFull();
        header.setAlignItems(Alignment.CENTER);
        header.expand(header.getComponentAt(0));
        figures.setId("suggestion-figures");
        figures.addClassName("omniops-suggestion-figures");
        add(
                header,
                new Paragraph(
                        "Agents see up to three suggested replies under the composer, from this library, "
                                + "the knowledge snippets and their colleagues' past replies. Variables: {{contact.name}}, "
                                + "{{contact.first_name}}, {{contact.email}}, {{order.number}}, {{date}}, {{agent.name}}, {{customer.name}}."),
                figures);

        configureEntries();
        configureProposals();
        configureSnippets();
        var newSnippet = new Button("New snippet", VaadinIcon.PLUS.create(), e -> editSnippet(null));
        newSnippet.setId("new-snippet");
        tabs.add("Replies", entries);
        var proposalsTab = tabs.add(new Span(new Span("Proposals "), proposalCount), proposals);
        proposalsTab.setId("proposals-tab");
        tabs.add("Knowledge snippets", new VerticalLayout(newSnippet, snippets));
        tabs.setSizeFull();
        // Vaadin 25.2's vaadin-tabs keeps its scroll container focusable (tabindex="-1" in its shadow root) inside
        // role="tablist": axe-core reports aria-required-children (critical), and a screen reader meets a stray
        // focus stop among the tabs. Three tabs never overflow, so the container need not be focusable.
        tabs.addAttachListener(e -> tabs.getElement().executeJs("""
                const t = this.querySelector('vaadin-tabs');
                customElements.whenDefined('vaadin-tabs').then(() => t.updateComplete)
                    .then(() => t.shadowRoot.querySelector('#scroll')?.removeAttribute('tabindex'));"""));
        add(tabs);
        reload();
    }

    private void configureEntries() {
        entries.setId("reply-entries");
        entries.addColumn(ReplyEntry::title)
                .setHeader("Title")
                .setAutoWidth(true)
                .setFlexGrow(2)
                .setSortable(true);
        entries.addColumn(e -> String.join(", ", e.categories()))
                .setHeader("Categories")
                .setAutoWidth(true)
                .setFlexGrow(1);
        entries.addColumn(e -> e.stats().shown())
                .setHeader("Shown")
                .setAutoWidth(true)
                .setSortable(true);
        entries.addColumn(e -> rate(e.stats()))
                .setHeader("Accepted")
                .setAutoWidth(true)
                .setComparator(e -> e.stats().acceptanceRate());
        entries.addColumn(e -> e.retired() ? "retired" : "active")
                .setHeader("Status")
                .setAutoWidth(true);
        entries.addComponentColumn(e -> {
                    var edit = new Button("Edit", x -> editEntry(e));
                    edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    edit.getElement().setAttribute("aria-label", "Edit " + e.title());
                    var retire = new Button(e.retired() ? "Restore" : "Retire", x -> {
                        suggestions.retireEntry(customer, e.id(), !e.retired());
                        reload();
                    });
                    retire.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    retire.getElement().setAttribute("aria-label", (e.retired() ? "Restore " : "Retire ") + e.title());
                    return new HorizontalLayout(edit, retire);
                })
                .setHeader("Actions")
                .setAutoWidth(true)
                .setFlexGrow(0);
        entries.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(e -> {
            var body = new Paragraph(e.body());
            body.addClassName("omniops-reply-body");
            return body;
        }));
        entries.setSizeFull();
    }

    private void configureProposals() {
        proposals.setId("reply-proposals");
        proposals.addColumn(ReplyProposal::title).setHeader("From").setFlexGrow(1);
        proposals
                .addColumn(ReplyProposal::text)
                .setHeader("Text agents keep sending")
                .setFlexGrow(3);
        proposals.addColumn(ReplyProposal::occurrences).setHeader("Times").setAutoWidth(true);
        proposals
                .addComponentColumn(p -> {
                    var accept = new Button("Add to library", x -> {
                        suggestions.acceptProposal(customer, p.id(), user.getUsername());
                        Notification.show("Added to the reply library")
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                        reload();
                    });
                    accept.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
                    var dismiss = new Button("Dismiss", x -> {
                        suggestions.dismissProposal(customer, p.id());
                        reload();
                    });
                    dismiss.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    return new HorizontalLayout(accept, dismiss);
                })
                .setHeader("Actions")
                .setAutoWidth(true)
                .setFlexGrow(0);
        proposals.setSizeFull();
    }

    private void configureSnippets() {
        snippets.setId("knowledge-snippets");
        snippets.addColumn(KnowledgeSnippet::title).setHeader("Title").setFlexGrow(1);
        snippets.addColumn(KnowledgeSnippet::body).setHeader("Text").setFlexGrow(3);
        snippets.addColumn(k -> String.join(", ", k.categories()))
                .setHeader("Categories")
                .setAutoWidth(true);
        snippets.addColumn(k -> rate(k.stats())).setHeader("Accepted").setAutoWidth(true);
        snippets.addComponentColumn(k -> {
                    var edit = new Button("Edit", x -> editSnippet(k));
                    edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    var retire = new Button(k.retired() ? "Restore" : "Retire", x -> {
                        suggestions.retireSnippet(customer, k.id(), !k.retired());
                        reload();
                    });
                    retire.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    return new HorizontalLayout(edit, retire);
                })
                .setHeader("Actions")
                .setAutoWidth(true)
                .setFlexGrow(0);
        snippets.setSizeFull();
    }

    private void reload() {
        entries.setItems(suggestions.library(customer, true));
        var pending = suggestions.proposals(customer);
        proposals.setItems(pending);
        proposalCount.setText(pending.isEmpty() ? "" : String.valueOf(pending.size()));
        proposalCount.getElement().getThemeList().set("badge pill small", !pending.isEmpty());
        snippets.setItems(suggestions.knowledge(customer));
        var all = suggestions.stats(customer);
        figures.setText("Acceptance: " + rate(all) + " of " + Plural.count(all.decided(), "decided suggestion") + " ("
                + all.accepted() + " as is, " + all.edited() + " edited, " + all.ignored() + " ignored)");
    }

    static String rate(SourceStats s) {
        return s.decided() == 0
                ? "–"
                : Math.round(100 * s.acceptanceRate()) + " % (" + (s.accepted() + s.edited()) + "/" + s.decided() + ")";
    }

    /** Mutable form bean for the Binder. */
    static final class Form {
        String title = "";
        String body = "";
        String categories = "";

        ReplyDraft draft() {
            return new ReplyDraft(
                    title,
                    body,
                    Arrays.stream(categories.split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList());
        }
    }

    private void editEntry(@Nullable ReplyEntry entry) {
        openForm(
                entry == null ? "New reply" : "Edit reply",
                entry == null ? null : entry.title(),
                entry == null ? null : entry.body(),
                entry == null ? List.of() : entry.categories(),
                120,
                4000,
                draft -> {
                    if (entry == null) {
                        suggestions.createEntry(customer, draft, user.getUsername());
                    } else {
                        suggestions.updateEntry(customer, entry.id(), draft);
                    }
                });
    }

    private void editSnippet(@Nullable KnowledgeSnippet snippet) {
        openForm(
                snippet == null ? "New knowledge snippet" : "Edit knowledge snippet",
                snippet == null ? null : snippet.title(),
                snippet == null ? null : snippet.body(),
                snippet == null ? List.of() : snippet.categories(),
                160,
                8000,
                draft -> {
                    if (snippet == null) {
                        suggestions.createSnippet(customer, draft);
                    } else {
                        suggestions.updateSnippet(customer, snippet.id(), draft);
                    }
                });
    }

    private void openForm(
            String heading,
            @Nullable String title,
            @Nullable String body,
            List<String> categories,
            int maxTitle,
            int maxBody,
            Consumer<ReplyDraft> save) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(heading);
        dialog.setWidth("min(720px, 95vw)");
        var titleField = new TextField("Title");
        titleField.setWidthFull();
        titleField.setMaxLength(maxTitle);
        var bodyField = new TextArea("Text");
        bodyField.setWidthFull();
        bodyField.setMinRows(5);
        bodyField.setMaxLength(maxBody);
        bodyField.setHelperText(
                "Variables are filled from the conversation; what is unknown shows as [order number] etc.");
        var categoriesField = new TextField("Categories");
        categoriesField.setWidthFull();
        categoriesField.setHelperText("Comma-separated keys: billing, refund, delivery, order, account, cancellation, "
                + "technical, product, complaint, praise, human_agent");
        var binder = new Binder<Form>();
        binder.forField(titleField)
                .asRequired("A title is required")
                .withValidator(s -> s.strip().length() <= maxTitle, "At most " + maxTitle + " characters")
                .bind(f -> f.title, (f, v) -> f.title = v);
        binder.forField(bodyField)
                .asRequired("The text is required")
                .withValidator(s -> s.strip().length() <= maxBody, "At most " + maxBody + " characters")
                .bind(f -> f.body, (f, v) -> f.body = v);
        binder.forField(categoriesField)
                .withValidator(
                        s -> s.isBlank() || s.matches("\\s*[a-z0-9_]+\\s*(,\\s*[a-z0-9_]+\\s*)*,?\\s*"),
                        "Lower-case keys separated by commas")
                .bind(f -> f.categories, (f, v) -> f.categories = v);
        var form = new Form();
        form.title = title == null ? "" : title;
        form.body = body == null ? "" : body;
        form.categories = String.join(", ", categories);
        binder.readBean(form);
        var error = new Div();
        error.addClassName("omniops-form-error");
        var saveButton = new Button("Save", e -> {
            try {
                binder.writeBean(form);
                save.accept(form.draft());
                dialog.close();
                reload();
            } catch (ValidationException x) {
                // the fields show their messages
            } catch (SuggestionRejected x) {
                error.setText(x.getMessage());
            }
        });
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveButton.setId("save-reply");
        dialog.add(new VerticalLayout(titleField, bodyField, categoriesField, error));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), saveButton);
        dialog.open();
        titleField.focus();
    }
}

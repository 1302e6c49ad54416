package uk.co.omniops.workspace.ui;

import static uk.co.omniops.workspace.ui.ConversationLabels.badge;

import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.Contact;
import uk.co.omniops.conversation.ConversationDetails;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.tenancy.CustomerId;

/**
 * Beside the thread: resolved conversations like this one, then the contact (VIP, unverified with a way to link to
 * the known contact they claim to be, e-mail, phone, since when, other conversations, channel). Drawn again only when
 * what it shows changed.
 */
class ContactPanel extends Div {

    /** What the panel shows; it is drawn again only when this changes. */
    private record Shown(
            Contact contact,
            String since,
            long otherConversations,
            String channel,
            @Nullable Contact claimed) {}

    private final Workspace workspace;
    private final CustomerId customer;
    private final ConversationId id;
    private final Runnable linkToKnownContact;
    private final SimilarConversationsPanel similar = new SimilarConversationsPanel();
    private @Nullable Shown shown;
    /** What the similar conversations were last read for: analysed messages and status (see {@link #renderSimilar}). */
    private @Nullable String similarReadFor;

    /** @param linkToKnownContact runs once the agent confirmed that the visitor is the contact they claim to be */
    ContactPanel(Workspace workspace, CustomerId customer, ConversationId id, Runnable linkToKnownContact) {
        this.workspace = workspace;
        this.customer = customer;
        this.id = id;
        this.linkToKnownContact = linkToKnownContact;
        setId("contact-panel");
        // it scrolls when the details are long: keyboard users must be able to reach it (axe:
        // scrollable-region-focusable)
        getElement().setAttribute("tabindex", "0");
        addClassName("omniops-contact-panel");
        getElement().setAttribute("role", "complementary");
        getElement().setAttribute("aria-label", "Contact");
    }

    void render(ConversationState state) {
        renderContact(state.details(), state);
        renderSimilar(state);
    }

    void clear() {
        removeAll();
        shown = null;
    }

    private void renderContact(ConversationDetails d, ConversationState state) {
        var contact = d.contact();
        var conversations = workspace.conversations();
        var claimed = contact.verified()
                ? null
                : conversations.knownContactClaimed(customer, id).orElse(null);
        var next = new Shown(
                contact,
                TimeTexts.day(contact.createdAt(), state.zone()),
                otherConversations(d),
                d.conversation().channel(),
                claimed);
        if (next.equals(shown)) {
            return;
        }
        shown = next;
        removeAll();
        // first: what the agent can reuse now; the contact's details below it
        add(similar);
        var title = new H3(contact.name());
        title.setId("contact-name");
        add(title);
        if (contact.vip()) {
            var vip = badge("VIP", BadgeVariant.WARNING);
            vip.setId("contact-vip");
            add(vip);
        }
        if (!contact.verified()) {
            addUnverified(claimed);
        }
        add(fact("E-mail", contact.email() == null ? "—" : contact.email()));
        if (contact.phone() != null) {
            add(fact("Phone", contact.phone()));
        }
        add(fact("Contact since", next.since()));
        var count = fact("Other conversations", String.valueOf(next.otherConversations()));
        count.setId("contact-other-conversations");
        add(count);
        add(fact("Channel", next.channel()));
    }

    private void addUnverified(@Nullable Contact claimed) {
        var unverified = badge("Unverified", BadgeVariant.CONTRAST);
        unverified.setId("contact-unverified");
        unverified.getElement().setAttribute("title", "Name and e-mail as typed on the chat page, not checked");
        add(unverified);
        var why = new Paragraph("Name and e-mail were typed on the chat page and are not checked. Do not share "
                + "account details until you are sure who this is.");
        why.addClassName("omniops-contact-unverified");
        add(why);
        if (claimed != null) {
            var link = new Button("Link to " + claimed.name() + (claimed.vip() ? " (VIP)" : ""), e -> {
                var confirm = new ConfirmDialog(
                        "Link to the known contact?",
                        "Only link once you have checked that this visitor is " + claimed.name() + " ("
                                + claimed.email() + "), e.g. with a detail only they know. The conversation will "
                                + "join their history" + (claimed.vip() ? " and count as a VIP's." : "."),
                        "Link",
                        ok -> linkToKnownContact.run());
                confirm.setCancelable(true);
                confirm.open();
            });
            link.setId("contact-link-known");
            link.addThemeVariants(ButtonVariant.LUMO_SMALL);
            add(link);
        }
    }

    /**
     * Resolved conversations like this one (the analysis module's sentence vectors), read again only when a contact
     * message was analysed or the status changed: live updates redraw the panel several times a second.
     */
    private void renderSimilar(ConversationState state) {
        var analysis = state.features().analysis();
        var readFor = analysis + "/" + state.analyses().size() + "/"
                + state.details().conversation().status();
        if (readFor.equals(similarReadFor)) {
            return;
        }
        similarReadFor = readFor;
        similar.show(
                analysis
                        ? workspace.analysis().similarResolved(customer, id, SimilarConversationsPanel.LIMIT)
                        : List.of());
    }

    /** The contact's other conversations with this customer, in any status. */
    private long otherConversations(ConversationDetails d) {
        return Math.max(
                0,
                workspace
                                .conversations()
                                .conversationsOfContact(customer, d.contact().id())
                        - 1);
    }

    private static Div fact(String label, String value) {
        var l = new Span(label);
        l.addClassName("omniops-fact-label");
        var v = new Span(value);
        v.addClassName("omniops-fact-value");
        var fact = new Div(l, v);
        fact.addClassName("omniops-fact");
        return fact;
    }
}

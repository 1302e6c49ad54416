package uk.co.omniops.suggestion.internal;

import java.util.ArrayList;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationFacts;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.suggestion.Suggestion;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * Learning from agents' replies: each reply is indexed as a past reply (contact message → reply) and classifies the
 * suggestions it answers — the one the agent inserted as accepted (sent as is) or edited (Levenshtein distance
 * recorded), every other one as ignored — and edited texts that keep being sent become proposals for the library.
 * Runs on {@code MessageReceived} of an agent ({@link SuggestionListeners}); idempotent (only a suggestion still
 * {@code shown} is decided).
 */
@Component
class SuggestionFeedback {

    /** An inserted suggestion counts as edited (not ignored) while at most this share of it was changed. */
    static final double EDITED_MAX_RATIO = 0.6;

    private final SuggestionStore store;
    private final LibraryStore library;
    private final TenantTransactions transactions;
    private final ConversationManagement conversations;
    private final TenancyManagement tenancy;
    private final LiveUpdates liveUpdates;
    private final ReplyFacts replyFacts;

    SuggestionFeedback(
            SuggestionStore store,
            LibraryStore library,
            TenantTransactions transactions,
            ConversationManagement conversations,
            TenancyManagement tenancy,
            LiveUpdates liveUpdates,
            ReplyFacts replyFacts) {
        this.store = store;
        this.library = library;
        this.transactions = transactions;
        this.conversations = conversations;
        this.tenancy = tenancy;
        this.liveUpdates = liveUpdates;
        this.replyFacts = replyFacts;
    }

    /** An agent's reply was stored: index it, and classify the suggestions it answers. Idempotent. */
    void onAgentReply(CustomerId customer, ConversationId conversation, MessageId messageId) {
        // bounded reads (issue 19): the reply itself, then the conversation's facts with its newest messages; never
        // the whole history, however long the conversation
        var reply = conversations.message(customer, messageId).orElse(null);
        if (reply == null
                || reply.internal()
                || reply.authorType() != AuthorType.AGENT
                || !reply.conversationId().equals(conversation)) {
            return;
        }
        var conversationFacts = conversations.facts(customer, conversation);
        if (conversationFacts.isEmpty()) {
            return;
        }
        // the contact message the reply answered: the newest one before it among the recent messages (none when more
        // than ConversationFacts.RECENT messages came after the reply before this ran: no pair is learnt then)
        ConversationFacts.RecentMessage previousContact = null;
        var replyIsRecent = false;
        for (var m : conversationFacts.get().recent()) {
            if (m.id().equals(messageId)) {
                replyIsRecent = true;
                break;
            }
            if (m.authorType() == AuthorType.CONTACT) {
                previousContact = m;
            }
        }
        var sent = reply.text();
        var contact = replyIsRecent ? previousContact : null;
        var sentAt = reply.createdAt();
        var facts = replyFacts.of(
                customer,
                SuggestionThread.of(conversationFacts.get()),
                reply.authorId() == null ? null : agentName(customer, reply.authorId()));
        transactions.inTenant(customer, () -> {
            if (contact != null) {
                store.insertPair(customer, conversation, contact.id(), messageId, contact.text(), sent);
            }
            var pending = store.undecided(customer, conversation, sentAt);
            SuggestionStore.Pending chosen = pending.stream()
                    .filter(p -> p.insertedBy() != null)
                    .findFirst()
                    .orElse(null);
            var decided = new ArrayList<SuggestionStore.Increment>();
            for (var p : pending) {
                var s = p.suggestion();
                if (p == chosen) {
                    // compare with what was inserted: the agent's name was filled in at that moment
                    var insertedBy = p.insertedBy() == null ? null : agentName(customer, p.insertedBy());
                    var insertedText = insertedBy == null ? s.text() : VariableFiller.signedBy(s.text(), insertedBy);
                    var verdict = Verdict.of(insertedText, sent);
                    if (store.decide(customer, s.id(), verdict.status(), sent, verdict.distance())) {
                        decided.add(new SuggestionStore.Increment(s.source(), statsRef(s), verdict.status()));
                        if (verdict.status().equals("edited")) {
                            propose(customer, s, sent, facts);
                        }
                    }
                } else if (store.decide(customer, s.id(), "ignored", sent, null)) {
                    decided.add(new SuggestionStore.Increment(s.source(), statsRef(s), "ignored"));
                }
            }
            store.countAll(customer, decided);
            return null;
        });
        liveUpdates.publish(
                LiveUpdate.of(customer.value(), LiveUpdate.Kind.SUGGESTIONS_FEEDBACK, conversation.value()));
    }

    /** How an inserted suggestion was used: accepted (sent as is), edited (at most {@link #EDITED_MAX_RATIO} changed) or ignored. */
    private record Verdict(String status, int distance) {

        static Verdict of(String inserted, String sent) {
            var a = Texts.squeeze(inserted);
            var b = Texts.squeeze(sent);
            var distance = Texts.editDistance(a, b);
            var ratio = distance / (double) Math.max(1, Math.max(a.length(), b.length()));
            return new Verdict(distance == 0 ? "accepted" : ratio <= EDITED_MAX_RATIO ? "edited" : "ignored", distance);
        }
    }

    private static String statsRef(Suggestion s) {
        return s.sourceRef() != null ? s.sourceRef() : s.sourceTitle();
    }

    /** Edited texts that keep being sent become proposals; the contact's own details are turned back into variables. */
    private void propose(CustomerId customer, Suggestion s, String sent, VariableFiller.Facts facts) {
        var template = VariableFiller.templatise(sent, facts);
        var similar = library.similarProposal(customer, template);
        if (similar.isPresent()) {
            library.proposalSeenAgain(customer, similar.get(), template);
        } else {
            library.insertProposal(
                    customer,
                    s.source().equals(Suggestion.LIBRARY) ? s.sourceRef() : null,
                    s.sourceTitle() + " (as agents send it)",
                    template);
        }
    }

    private @Nullable String agentName(CustomerId customer, UUID agentId) {
        return tenancy.displayName(customer, agentId).orElse(null);
    }
}

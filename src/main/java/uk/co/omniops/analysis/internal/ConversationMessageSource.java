package uk.co.omniops.analysis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import uk.co.omniops.analysis.MessageSource;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.conversation.Message;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.Customers;
import uk.co.omniops.tenancy.TenantTransactions;

/**
 * STOPGAP until the conversation module implements {@link MessageSource} itself: reads messages through
 * {@link ConversationManagement#find}, which loads a whole conversation per message (fine for analysis jobs of
 * normal conversations), and lists messages for backfills by walking every customer's inbox (newest first) —
 * O(all recent conversations) per call. The conversation module should offer {@code message(customer, id)} and a
 * cross-customer, cursor-paged listing of contact messages since an instant.
 */
@Component
class ConversationMessageSource implements MessageSource {

    private static final int PAGE = 200;

    private final ConversationManagement conversations;
    private final Customers customers;
    private final TenantTransactions transactions;

    ConversationMessageSource(ConversationManagement conversations, Customers customers, TenantTransactions transactions) {
        this.conversations = conversations;
        this.customers = customers;
        this.transactions = transactions;
    }

    @Override
    public Optional<MessageText> text(CustomerId customer, ConversationId conversation, MessageId message) {
        return conversations.find(customer, conversation).flatMap(details -> details.messages().stream()
                .filter(m -> m.id().equals(message)).findFirst()).map(ConversationMessageSource::text);
    }

    @Override
    public List<MessageText> contactMessagesSince(Instant since, int limit, @Nullable MessageText after) {
        var all = new ArrayList<MessageText>();
        var everyCustomer = transactions.asPlatform("analysis backfill: list customers", customers::findAll);
        var query = new InboxQuery(InboxQuery.Scope.ALL, null, Set.of(), Set.of(), InboxQuery.Sort.NEWEST);
        for (var customer : everyCustomer) {
            for (var offset = 0; ; offset += PAGE) {
                var page = conversations.inbox(customer.id(), query, offset, PAGE);
                for (var summary : page) {
                    if (summary.updatedAt().isBefore(since)) {
                        continue;
                    }
                    conversations.find(customer.id(), summary.id()).ifPresent(details -> details.messages().stream()
                            .filter(m -> m.authorType() == AuthorType.CONTACT && !m.internal() && !m.createdAt().isBefore(since))
                            .map(ConversationMessageSource::text).forEach(all::add));
                }
                if (page.size() < PAGE) { // every page: the inbox's order says nothing about message times
                    break;
                }
            }
        }
        Comparator<MessageText> order = Comparator.comparing(MessageText::createdAt)
                .thenComparing(m -> m.id().value());
        return all.stream().sorted(order).filter(m -> after == null || order.compare(m, after) > 0).limit(limit).toList();
    }

    private static MessageText text(Message m) {
        return new MessageText(m.id(), m.conversationId(), m.customerId(), m.authorType(), m.internal(), m.text(),
                m.createdAt());
    }
}

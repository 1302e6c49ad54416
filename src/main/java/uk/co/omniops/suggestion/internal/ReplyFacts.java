package uk.co.omniops.suggestion.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * The facts a reply's variables are filled from ({@code {{contact.first_name}}}, {@code {{agent.name}}}, …) and turned
 * back into when an edited reply becomes a proposal: the same facts both ways, so a proposal never keeps a contact's
 * own details. Customer names are cached per replica (they change rarely and only show in replies).
 */
@Component
class ReplyFacts {

    private final TenancyManagement tenancy;
    private final Map<CustomerId, String> customerNames = new ConcurrentHashMap<>();

    ReplyFacts(TenancyManagement tenancy) {
        this.tenancy = tenancy;
    }

    /** The conversation's facts; the agent is the assignee unless named. */
    VariableFiller.Facts of(CustomerId customer, SuggestionThread thread, @Nullable String agentName) {
        var contactTexts = thread.lines().stream()
                .filter(m -> m.authorType() == AuthorType.CONTACT)
                .map(SuggestionThread.Line::text)
                .toList();
        var customerName = customerNames.computeIfAbsent(
                customer, c -> tenancy.customer(c).map(x -> x.name()).orElse(""));
        return VariableFiller.facts(
                thread.contactName(),
                thread.contactEmail(),
                contactTexts,
                agentName != null ? agentName : thread.assigneeName(),
                customerName);
    }
}

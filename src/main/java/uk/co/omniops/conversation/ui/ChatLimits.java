package uk.co.omniops.conversation.ui;

import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import uk.co.omniops.platform.RateLimits;
import uk.co.omniops.platform.RateLimits.Durations;
import uk.co.omniops.platform.RateLimits.Limit;
import uk.co.omniops.tenancy.CustomerId;

/**
 * What one visitor, and all visitors of one customer, may do on the public chat (issue 21, finding 1): conversations
 * started and messages sent, per client address and per customer, in {@link RateLimits} shared by the replicas. A
 * visitor opening new browser sessions does not get a new budget; a flood on one customer's chat cannot start more
 * conversations (each may escalate and notify) than its per-customer budget. Settings {@code omniops.chat.*}.
 */
@Component
class ChatLimits {

    static final String BUSY =
            "Our chat is very busy right now. Please try again in a minute; nothing you wrote " + "was lost.";

    private final RateLimits limits;
    private final Limit startsPerAddress;
    private final Limit startsPerCustomer;
    private final Limit messagesPerAddress;
    private final Limit messagesPerCustomer;

    ChatLimits(
            RateLimits limits,
            @Value("${omniops.chat.starts-per-address-per-hour:10}") int startsPerAddress,
            @Value("${omniops.chat.starts-per-customer-per-minute:120}") int startsPerCustomer,
            @Value("${omniops.chat.messages-per-address-per-minute:30}") int messagesPerAddress,
            @Value("${omniops.chat.messages-per-customer-per-minute:1200}") int messagesPerCustomer) {
        this.limits = limits;
        this.startsPerAddress = new Limit("chat-starts-per-address", startsPerAddress, Duration.ofHours(1));
        this.startsPerCustomer = new Limit("chat-starts-per-customer", startsPerCustomer, Duration.ofMinutes(1));
        this.messagesPerAddress = new Limit("chat-messages-per-address", messagesPerAddress, Duration.ofMinutes(1));
        this.messagesPerCustomer = new Limit("chat-messages-per-customer", messagesPerCustomer, Duration.ofMinutes(1));
    }

    /** Empty when the visitor may start a conversation, else what to tell them. */
    Optional<String> refuseStart(CustomerId customer, String address) {
        var own = limits.tryAcquire(startsPerAddress, address);
        if (!own.allowed()) {
            return Optional.of("You have started several conversations in a short time. Please continue in the one "
                    + "you have, or wait " + Durations.waitOf(own.retryAfterSeconds()) + " before starting another.");
        }
        if (!limits.tryAcquire(startsPerCustomer, customer.value().toString()).allowed()) {
            // the next token may come in a second, but a flood takes it first: promise nothing shorter than a minute
            return Optional.of(BUSY);
        }
        return Optional.empty();
    }

    /** Empty when the visitor may send a message, else what to tell them. */
    Optional<String> refuseMessage(CustomerId customer, String address) {
        var own = limits.tryAcquire(messagesPerAddress, address);
        if (!own.allowed()) {
            return Optional.of("You're sending messages too quickly. Please wait "
                    + Durations.waitOf(own.retryAfterSeconds()) + " and try again.");
        }
        if (!limits.tryAcquire(messagesPerCustomer, customer.value().toString()).allowed()) {
            return Optional.of(BUSY);
        }
        return Optional.empty();
    }
}

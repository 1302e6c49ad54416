package uk.co.omniops.conversation.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.co.omniops.conversation.AuthorType;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.DemoTraffic;
import uk.co.omniops.conversation.NewContact;
import uk.co.omniops.conversation.internal.simulator.Business;
import uk.co.omniops.conversation.internal.simulator.ConversationGenerator;
import uk.co.omniops.conversation.internal.simulator.Tone;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.TenancyManagement;

/**
 * Demo traffic: contacts of the three demo customers start conversations and follow up in open ones, through
 * {@link ConversationManagement} like any other source (validation, events, live updates). Off unless
 * {@code omniops.simulator.enabled=true} (dev profile) or a supervisor switches it on; the switch and the rate
 * ({@code omniops.simulator.messages-per-minute}, default 6) live in memory on this replica only.
 */
@Component
class ChatSimulator implements DemoTraffic {

    private static final Logger log = LoggerFactory.getLogger(ChatSimulator.class);
    private static final int MAX_OPEN_PER_CUSTOMER = 20;
    private static final int MAX_TURNS = 5;

    private final ConversationManagement conversations;
    private final TenancyManagement tenancy;
    private final ConversationGenerator generator;
    private final RandomGenerator random = ThreadLocalRandom.current();
    private final Map<Business, CustomerId> customers = new EnumMap<>(Business.class);
    private final Map<Business, List<Script>> open = new EnumMap<>(Business.class);

    private volatile boolean enabled;
    private volatile int messagesPerMinute;

    /** A conversation the simulator takes part in. */
    private record Script(ConversationId id, Tone tone, String firstName, int turns) {}

    ChatSimulator(
            ConversationManagement conversations,
            TenancyManagement tenancy,
            @Value("${omniops.simulator.enabled:false}") boolean enabled,
            @Value("${omniops.simulator.messages-per-minute:6}") int messagesPerMinute) {
        this.conversations = conversations;
        this.tenancy = tenancy;
        this.generator = new ConversationGenerator(RandomGenerator.of("L64X128MixRandom"));
        this.enabled = enabled;
        this.messagesPerMinute = clamp(messagesPerMinute);
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        if (this.enabled != enabled) {
            log.info("Chat simulator switched {}", enabled ? "on" : "off");
        }
        this.enabled = enabled;
    }

    @Override
    public int messagesPerMinute() {
        return messagesPerMinute;
    }

    /** 1–600 messages per minute across all demo customers. */
    @Override
    public void setMessagesPerMinute(int messagesPerMinute) {
        this.messagesPerMinute = clamp(messagesPerMinute);
    }

    private static int clamp(int n) {
        return Math.max(1, Math.min(600, n));
    }

    /** Once a second: on average {@code messagesPerMinute / 60} messages (Poisson-like arrivals). */
    @Scheduled(fixedDelay = 1000, initialDelay = 5000)
    void tick() {
        if (!enabled) {
            return;
        }
        double expected = messagesPerMinute / 60.0;
        int n = (int) expected + (random.nextDouble() < expected - (int) expected ? 1 : 0);
        for (int i = 0; i < n; i++) {
            try {
                sendOne();
            } catch (RuntimeException e) {
                log.warn("Chat simulator could not send a message: {}", e.toString());
            }
        }
    }

    /** One message: a follow-up in an open simulated conversation (45 %) or a new conversation. */
    synchronized void sendOne() {
        var business = Business.values()[random.nextInt(Business.values().length)];
        var customer = customer(business);
        if (customer.isEmpty()) {
            return;
        }
        var scripts = open.computeIfAbsent(business, b -> new ArrayList<>());
        if (!scripts.isEmpty() && (random.nextDouble() < 0.45 || scripts.size() >= MAX_OPEN_PER_CUSTOMER)) {
            int index = random.nextInt(scripts.size());
            var script = scripts.get(index);
            var details = conversations.find(customer.get(), script.id());
            if (details.isEmpty()
                    || details.get().conversation().status() == ConversationStatus.RESOLVED
                    || script.turns() >= MAX_TURNS) {
                scripts.remove(index);
                return;
            }
            var lastVisible =
                    details.get().messages().stream().filter(m -> !m.internal()).reduce((a, b) -> b);
            var answered =
                    lastVisible.map(m -> m.authorType() == AuthorType.AGENT).orElse(false);
            var text = generator.followUp(business, script.tone(), answered, script.firstName());
            conversations.receive(customer.get(), script.id(), text, null);
            scripts.set(index, new Script(script.id(), script.tone(), script.firstName(), script.turns() + 1));
            return;
        }
        var opening = generator.opening(business);
        var started = conversations.start(
                customer.get(),
                new NewContact(opening.contactName(), opening.email(), null),
                opening.text(),
                "chat",
                null);
        scripts.add(new Script(
                started.conversation().id(),
                opening.tone(),
                opening.contactName().split(" ")[0],
                1));
    }

    private Optional<CustomerId> customer(Business business) {
        var known = customers.get(business);
        if (known != null) {
            return Optional.of(known);
        }
        var found = tenancy.customerBySlug(business.slug()).map(c -> c.id());
        found.ifPresent(id -> customers.put(business, id));
        return found;
    }
}

package uk.co.omniops.suggestion.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.co.omniops.suggestion.ReplyDraft;
import uk.co.omniops.suggestion.SuggestionManagement;
import uk.co.omniops.tenancy.TenancyManagement;

/** Gives the demo customers their reply libraries and knowledge snippets, once (after {@code DemoData}). */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@ConditionalOnProperty(name = "omniops.demo.enabled", havingValue = "true")
class DemoLibrarySeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLibrarySeeder.class);

    private final TenancyManagement tenancy;
    private final SuggestionManagement library;

    DemoLibrarySeeder(TenancyManagement tenancy, SuggestionManagement library) {
        this.tenancy = tenancy;
        this.library = library;
    }

    @Override
    public void run(ApplicationArguments args) {
        DemoLibrary.LIBRARY.forEach((slug, entries) -> tenancy.customerBySlug(slug)
                .ifPresent(customer -> {
                    var seeded = library.seed(
                            customer.id(),
                            entries.stream()
                                    .map(e -> new ReplyDraft(e.title(), e.body(), e.categories()))
                                    .toList(),
                            DemoLibrary.KNOWLEDGE.getOrDefault(slug, java.util.List.of()).stream()
                                    .map(e -> new ReplyDraft(e.title(), e.body(), e.categories()))
                                    .toList());
                    if (seeded) {
                        log.info("Reply library seeded for {}", slug);
                    }
                }));
    }
}

package uk.co.omniops.escalation.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import uk.co.omniops.tenancy.DemoData;
import uk.co.omniops.tenancy.TenancyManagement;

/** Seeds the default rules for the demo customers at start-up (dev and test only; idempotent). */
@Component
@ConditionalOnProperty(name = "omniops.demo.enabled", havingValue = "true")
class DemoEscalationRules implements ApplicationRunner {

    private final TenancyManagement tenancy;
    private final RuleService rules;

    DemoEscalationRules(TenancyManagement tenancy, RuleService rules) {
        this.tenancy = tenancy;
        this.rules = rules;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (var demo : DemoData.CUSTOMERS) {
            tenancy.customerBySlug(demo.slug()).ifPresent(c -> rules.seedDefaults(c.id()));
        }
    }
}

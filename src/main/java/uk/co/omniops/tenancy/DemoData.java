package uk.co.omniops.tenancy;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The seed's three beta customers, each with an agent, a supervisor, an executive and an API key
 * ({@link #apiKey}), plus one platform admin. Only where {@code omniops.demo.enabled=true} (dev and test
 * profiles); idempotent.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnProperty(name = "omniops.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** One demo customer with its people. */
    public record DemoCustomer(
            String slug, String name, String plan, String region, String agent, String supervisor, String executive) {}

    public static final List<DemoCustomer> CUSTOMERS = List.of(
            new DemoCustomer(
                    "techsupport-co", "TechSupport Co", "enterprise", "eu", "Sam Patel", "Dana Reyes", "Morgan Lee"),
            new DemoCustomer(
                    "thompson-engineering",
                    "Thompson Engineering",
                    "business",
                    "us",
                    "Chris Walker",
                    "Priya Nair",
                    "Alex Thompson"),
            new DemoCustomer(
                    "fooddelivery-inc",
                    "FoodDelivery Inc",
                    "enterprise",
                    "us",
                    "Jordan Kim",
                    "Lena Fischer",
                    "Ravi Shah"));

    public static final String ADMIN_USERNAME = "admin@omniops";

    private final TenancyManagement tenancy;
    private final ApiKeyManagement apiKeys;
    private final String password;

    DemoData(TenancyManagement tenancy, ApiKeyManagement apiKeys, @Value("${omniops.demo.password}") String password) {
        this.tenancy = tenancy;
        this.apiKeys = apiKeys;
        this.password = password;
    }

    /** The demo API key of a demo customer, e.g. {@code dev-techsupport-co-key} (dev and test only). */
    public static String apiKey(String slug) {
        return "dev-" + slug + "-key";
    }

    /** {@code agent@techsupport-co} and the like. */
    public static String username(Role role, String slug) {
        return role.name().toLowerCase() + "@" + slug;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (var c : CUSTOMERS) {
            var customer = tenancy.ensureCustomer(c.slug(), c.name(), c.plan(), c.region());
            tenancy.ensureUser(customer, username(Role.AGENT, c.slug()), c.agent(), Role.AGENT, password);
            tenancy.ensureUser(
                    customer, username(Role.SUPERVISOR, c.slug()), c.supervisor(), Role.SUPERVISOR, password);
            tenancy.ensureUser(customer, username(Role.EXECUTIVE, c.slug()), c.executive(), Role.EXECUTIVE, password);
            apiKeys.ensure(customer.id(), "Demo key", "demo data", apiKey(c.slug()));
        }
        tenancy.ensureUser(null, ADMIN_USERNAME, "Olivia Admin", Role.ADMIN, password);
        log.info("Demo customers and users are in place");
    }
}

package uk.co.omniops.tenancy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The tenancy module's API: customers, users and their preferences. */
@Service
public class TenancyManagement {

    /** The first-response SLA of a customer that never set one (the column's default). */
    public static final Duration DEFAULT_FIRST_RESPONSE_SLA = Duration.ofMinutes(30);

    public static final int MIN_SLA_MINUTES = 1;
    public static final int MAX_SLA_MINUTES = 10_080;

    private final Customers customers;
    private final UserAccounts users;
    private final TenantTransactions transactions;
    private final PasswordEncoder passwordEncoder;
    private final JdbcClient jdbc;

    TenancyManagement(
            Customers customers,
            UserAccounts users,
            TenantTransactions transactions,
            PasswordEncoder passwordEncoder,
            JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.users = users;
        this.transactions = transactions;
        this.passwordEncoder = passwordEncoder;
    }

    /** Every customer: platform staff only (callers check the ADMIN role). */
    public List<Customer> allCustomers() {
        return transactions.asPlatform("list customers", customers::findAll);
    }

    public Optional<Customer> customer(CustomerId id) {
        return transactions.readInTenant(id, () -> customers.findById(id));
    }

    /** Resolves a public slug; platform path because the caller has no tenant yet (e.g. the chat page). */
    public Optional<Customer> customerBySlug(String slug) {
        return transactions.asPlatform("resolve customer slug", () -> customers.findBySlug(slug));
    }

    /**
     * The customer's first-response SLA: how long a contact may wait for an agent's reply. Escalation rules and the
     * supervisors' desk measure waiting against it (decision 005). Never null: {@link #DEFAULT_FIRST_RESPONSE_SLA}
     * for an unknown customer.
     */
    public Duration firstResponseSla(CustomerId customer) {
        return transactions
                .readInTenant(customer, () -> customers.firstResponseSlaMinutes(customer))
                .map(Duration::ofMinutes)
                .orElse(DEFAULT_FIRST_RESPONSE_SLA);
    }

    /**
     * Changes the customer's first-response SLA (whole minutes, {@value #MIN_SLA_MINUTES} to
     * {@value #MAX_SLA_MINUTES}), in the customer's own tenant transaction, with an audit line naming who changed it.
     *
     * @throws IllegalArgumentException when the minutes are out of range, with a message fit for the form
     */
    public void changeFirstResponseSla(CustomerId customer, int minutes, String actor) {
        if (minutes < MIN_SLA_MINUTES || minutes > MAX_SLA_MINUTES) {
            throw new IllegalArgumentException("The first-response SLA must be " + MIN_SLA_MINUTES + " to "
                    + MAX_SLA_MINUTES + " minutes (7 days)");
        }
        transactions.inTenant(customer, () -> {
            if (!customers.updateFirstResponseSla(customer, minutes)) {
                throw new IllegalArgumentException("Unknown customer");
            }
            jdbc.sql("insert into audit_log (id, customer_id, actor, action, detail) values (?, ?, ?, "
                            + "'first_response_sla_changed', jsonb_build_object('minutes', ?::int))")
                    .params(UUID.randomUUID(), customer.value(), actor, minutes)
                    .update();
            return null;
        });
    }

    public List<UserAccount> users(CustomerId customer) {
        return transactions.readInTenant(customer, () -> users.findByCustomer(customer));
    }

    /** A staff member's display name, as replies are signed; empty for an unknown user or another customer's. */
    public Optional<String> displayName(CustomerId customer, java.util.UUID user) {
        return users(customer).stream()
                .filter(u -> u.id().equals(user))
                .map(UserAccount::displayName)
                .findFirst();
    }

    /** Remembers light or dark mode for one user. */
    public void changeTheme(UserAccount user, String theme) {
        if (!theme.equals("light") && !theme.equals("dark")) {
            throw new IllegalArgumentException("theme must be light or dark");
        }
        if (user.customer() != null) {
            transactions.inTenant(user.customer(), () -> users.updateTheme(user.id(), theme));
        } else {
            transactions.asPlatform("admin theme", () -> users.updateTheme(user.id(), theme));
        }
    }

    /** Creates a customer if its slug is new; idempotent. */
    public Customer ensureCustomer(String slug, String name, String plan, String region) {
        return transactions.asPlatform("create customer " + slug, () -> {
            customers.insert(new Customer(
                    new CustomerId(UUID.nameUUIDFromBytes(("customer:" + slug).getBytes())),
                    slug,
                    name,
                    plan,
                    region,
                    java.time.Instant.now()));
            return customers.findBySlug(slug).orElseThrow();
        });
    }

    /**
     * Creates a user if the username is new; idempotent. The password is hashed only for a new user and outside the
     * transaction: a BCrypt hash costs tens of milliseconds of CPU, and every start re-ensures the demo users.
     */
    public void ensureUser(
            @org.jspecify.annotations.Nullable Customer customer,
            String username,
            String displayName,
            Role role,
            String rawPassword) {
        var account = new UserAccount(
                UUID.nameUUIDFromBytes(("user:" + username).getBytes()),
                customer == null ? null : customer.id(),
                null,
                null,
                username,
                displayName,
                role,
                true,
                "light");
        if (transactions.asPlatform("find user " + username, () -> users.exists(username))) {
            return;
        }
        var passwordHash = passwordEncoder.encode(rawPassword);
        transactions.runAsPlatform("create user " + username, () -> users.insert(account, passwordHash));
    }
}

package uk.co.omniops.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The tenancy module's API: customers, users and their preferences. */
@Service
public class TenancyManagement {

    private final Customers customers;
    private final UserAccounts users;
    private final TenantTransactions transactions;
    private final PasswordEncoder passwordEncoder;

    TenancyManagement(Customers customers, UserAccounts users, TenantTransactions transactions,
            PasswordEncoder passwordEncoder) {
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

    public List<UserAccount> users(CustomerId customer) {
        return transactions.readInTenant(customer, () -> users.findByCustomer(customer));
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
            customers.insert(new Customer(new CustomerId(UUID.nameUUIDFromBytes(("customer:" + slug).getBytes())),
                    slug, name, plan, region, java.time.Instant.now()));
            return customers.findBySlug(slug).orElseThrow();
        });
    }

    /** Creates a user if the username is new; idempotent. */
    public void ensureUser(@org.jspecify.annotations.Nullable Customer customer, String username, String displayName,
            Role role, String rawPassword) {
        var account = new UserAccount(UUID.nameUUIDFromBytes(("user:" + username).getBytes()),
                customer == null ? null : customer.id(), null, null, username, displayName, role, true, "light");
        transactions.runAsPlatform("create user " + username,
                () -> users.insert(account, passwordEncoder.encode(rawPassword)));
    }
}

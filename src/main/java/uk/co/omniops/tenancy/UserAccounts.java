package uk.co.omniops.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users, read under the caller's tenant scope (row-level security filters the rest). */
@Repository
public class UserAccounts {

    private static final String SELECT = """
            select u.id, u.customer_id, c.slug, c.name, u.username, u.display_name, u.role, u.enabled, u.theme
              from app_users u left join customers c on c.id = u.customer_id
            """;

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Credentials> findCredentials(String username) {
        return jdbc.sql(SELECT.replace("select ", "select u.password_hash, ") + " where lower(u.username) = lower(?)")
                .param(username)
                .query((rs, i) -> new Credentials(map(rs), rs.getString("password_hash")))
                .optional();
    }

    public List<UserAccount> findByCustomer(CustomerId customer) {
        return jdbc.sql(SELECT + " where u.customer_id = ? order by u.role, u.username")
                .param(customer.value())
                .query((rs, i) -> map(rs))
                .list();
    }

    public Optional<UserAccount> findById(UUID id) {
        return jdbc.sql(SELECT + " where u.id = ?")
                .param(id)
                .query((rs, i) -> map(rs))
                .optional();
    }

    /** Whether a user has this username (exactly as stored: the key {@link #insert} conflicts on). */
    boolean exists(String username) {
        return jdbc.sql("select exists (select 1 from app_users where username = ?)")
                .param(username)
                .query(Boolean.class)
                .single();
    }

    void insert(UserAccount user, String passwordHash) {
        jdbc.sql("""
                insert into app_users (id, customer_id, username, password_hash, display_name, role, enabled, theme)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (username) do nothing
                """)
                .params(
                        user.id(),
                        user.customer() == null ? null : user.customer().value(),
                        user.username(),
                        passwordHash,
                        user.displayName(),
                        user.role().name(),
                        user.enabled(),
                        user.theme())
                .update();
    }

    int updateTheme(UUID userId, String theme) {
        return jdbc.sql("update app_users set theme = ? where id = ?")
                .params(theme, userId)
                .update();
    }

    private static UserAccount map(java.sql.ResultSet rs) throws java.sql.SQLException {
        var customer = rs.getObject("customer_id", UUID.class);
        return new UserAccount(
                rs.getObject("id", UUID.class),
                customer == null ? null : new CustomerId(customer),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getString("username"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                rs.getBoolean("enabled"),
                rs.getString("theme"));
    }

    record Credentials(UserAccount account, String passwordHash) {}
}

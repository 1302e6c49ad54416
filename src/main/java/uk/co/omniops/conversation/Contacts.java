package uk.co.omniops.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.tenancy.CustomerId;

/** Contacts of the customer in scope (row-level security filters the rest). */
@Repository
class Contacts {

    private static final String SELECT =
            "select id, customer_id, name, email, phone, vip, verified, created_at from contacts";

    private final JdbcClient jdbc;

    Contacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Contact> findById(CustomerId customer, ContactId id) {
        return jdbc.sql(SELECT + " where customer_id = ? and id = ?")
                .params(customer.value(), id.value())
                .query((rs, i) -> map(rs))
                .optional();
    }

    /** The oldest verified contact with this e-mail (case-insensitive; served by contacts_verified_email_idx). */
    Optional<Contact> findByEmail(CustomerId customer, String email) {
        return jdbc.sql(SELECT + " where customer_id = ? and lower(email) = lower(?) and verified"
                        + " order by created_at, id limit 1")
                .params(customer.value(), email)
                .query((rs, i) -> map(rs))
                .optional();
    }

    /**
     * Serialises contact creation per (customer, e-mail) until the transaction ends, so that two concurrent
     * first messages from one person create one contact, not two.
     */
    void lockEmail(CustomerId customer, String email) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(? || '/' || lower(?), 0))")
                .params(customer.value().toString(), email)
                .query((rs, i) -> 1)
                .list();
    }

    void insert(
            ContactId id,
            CustomerId customer,
            String name,
            @Nullable String email,
            @Nullable String phone,
            boolean verified) {
        jdbc.sql("insert into contacts (id, customer_id, name, email, phone, verified) values (?, ?, ?, ?, ?, ?)")
                .params(id.value(), customer.value(), name, email, phone, verified)
                .update();
    }

    /** Moves every conversation of {@code from} to {@code to}, then deletes {@code from}; returns the moved count. */
    int mergeInto(CustomerId customer, ContactId from, ContactId to) {
        var moved = jdbc.sql("update conversations set contact_id = ? where customer_id = ? and contact_id = ?")
                .params(to.value(), customer.value(), from.value())
                .update();
        jdbc.sql(
                        "update messages set author_id = ? where customer_id = ? and author_type = 'contact' and author_id = ?")
                .params(to.value(), customer.value(), from.value())
                .update();
        jdbc.sql("delete from contacts where customer_id = ? and id = ?")
                .params(customer.value(), from.value())
                .update();
        return moved;
    }

    static Contact map(ResultSet rs) throws SQLException {
        return new Contact(
                new ContactId(rs.getObject("id", UUID.class)),
                new CustomerId(rs.getObject("customer_id", UUID.class)),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getBoolean("vip"),
                rs.getBoolean("verified"),
                rs.getTimestamp("created_at").toInstant());
    }
}

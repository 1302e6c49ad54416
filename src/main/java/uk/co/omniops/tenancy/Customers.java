package uk.co.omniops.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Customers visible in the current tenant scope: one for a tenant, all on the platform path. */
@Repository
public class Customers {

    private static final String SELECT = "select id, slug, name, plan, region, created_at from customers";

    private final JdbcClient jdbc;

    Customers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Customer> findAll() {
        return jdbc.sql(SELECT + " order by name").query((rs, i) -> map(rs)).list();
    }

    public Optional<Customer> findBySlug(String slug) {
        return jdbc.sql(SELECT + " where slug = ?")
                .param(slug)
                .query((rs, i) -> map(rs))
                .optional();
    }

    public Optional<Customer> findById(CustomerId id) {
        return jdbc.sql(SELECT + " where id = ?")
                .param(id.value())
                .query((rs, i) -> map(rs))
                .optional();
    }

    /** The customer's first-response target in minutes; empty when the customer is not visible in this scope. */
    Optional<Integer> firstResponseSlaMinutes(CustomerId id) {
        return jdbc.sql("select first_response_sla_minutes from customers where id = ?")
                .param(id.value())
                .query(Integer.class)
                .optional();
    }

    /** Sets the first-response target; row-level security lets a tenant change only its own row. */
    boolean updateFirstResponseSla(CustomerId id, int minutes) {
        return jdbc.sql("update customers set first_response_sla_minutes = ? where id = ?")
                        .params(minutes, id.value())
                        .update()
                == 1;
    }

    void insert(Customer customer) {
        jdbc.sql("""
                insert into customers (id, slug, name, plan, region) values (?, ?, ?, ?, ?)
                on conflict (slug) do nothing
                """)
                .params(customer.id().value(), customer.slug(), customer.name(), customer.plan(), customer.region())
                .update();
    }

    private static Customer map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Customer(
                new CustomerId(rs.getObject("id", UUID.class)),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getString("plan"),
                rs.getString("region"),
                rs.getTimestamp("created_at").toInstant());
    }
}

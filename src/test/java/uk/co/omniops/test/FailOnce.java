package uk.co.omniops.test;

import java.sql.DriverManager;
import java.sql.SQLException;
import uk.co.omniops.tenancy.CustomerId;

/**
 * "A listener that fails once": a trigger, installed as the database owner, that rejects the first row one customer
 * inserts into a table and lets every later one through. Removed on {@link #close()}.
 */
public final class FailOnce implements AutoCloseable {

    private final String name;
    private final String table;

    private FailOnce(String name, String table) {
        this.name = name;
        this.table = table;
    }

    /** Rejects the customer's first insert into {@code table} ("failing once for the test"). */
    public static FailOnce onFirstInsert(String table, CustomerId customer) throws SQLException {
        var name = "fail_once_" + customer.value().toString().replace("-", "");
        try (var c = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            c.createStatement().execute("create sequence " + name);
            c.createStatement().execute("""
                    create or replace function %1$s() returns trigger language plpgsql security definer as $$
                    begin
                        if new.customer_id = '%2$s' and nextval('%1$s') = 1 then
                            raise exception 'failing once for the test';
                        end if;
                        return new;
                    end $$""".formatted(name, customer.value()));
            c.createStatement()
                    .execute("create trigger " + name + " before insert on " + table + " for each row execute function "
                            + name + "()");
        }
        return new FailOnce(name, table);
    }

    /** Has the trigger seen the customer's first insert (and so failed it)? */
    public boolean fired() {
        try (var c = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var rs = c.createStatement().executeQuery("select is_called from " + name)) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        try (var c = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            c.createStatement().execute("drop trigger " + name + " on " + table);
            c.createStatement().execute("drop function " + name + "()");
            c.createStatement().execute("drop sequence " + name);
        }
    }
}

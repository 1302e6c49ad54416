package uk.co.omniops.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;

/**
 * The contract of a read model one module publishes to another as a view (V21 {@code staff_directory}, V29 the
 * insight module's facts): its columns in order, row-level security applied for the reader (security_invoker, so a
 * customer sees exactly its own rows of the table and none of another customer's, and nothing without a tenant), and
 * the comment that names its owner. Uses the two customers of {@code rls-fixture.sql} (one row in every tenant table
 * each), loaded as the owner; the checks connect as the application role.
 */
public final class PublishedViews {

    public static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
    public static final String B = "bbbbbbbb-0000-0000-0000-000000000001";

    private PublishedViews() {}

    /** Loads the two-customer fixture (idempotent: every insert is {@code on conflict do nothing}). */
    public static void loadFixture() throws Exception {
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            var sql = new ClassPathResource("rls-fixture.sql").getContentAsString(StandardCharsets.UTF_8);
            owner.createStatement().execute(sql);
        }
    }

    /**
     * Asserts the view's contract.
     *
     * @param app the application's data source (the application role, row-level security applies)
     * @param view the published view
     * @param table the owning module's table behind it
     * @param columns the view's columns in order, comma-separated
     * @param owner the owning module, as its comment names it
     */
    public static void assertContract(DataSource app, String view, String table, String columns, String owner)
            throws SQLException {
        try (var c = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            assertThat(string(
                            c,
                            "select string_agg(column_name, ',' order by ordinal_position)"
                                    + " from information_schema.columns where table_schema = 'public' and table_name = '"
                                    + view + "'"))
                    .as("%s columns", view)
                    .isEqualTo(columns);
            assertThat(string(
                            c,
                            "select coalesce(array_to_string(reloptions, ','), '') from pg_class" + " where relname = '"
                                    + view + "' and relkind = 'v'"))
                    .as("%s applies the reader's row-level security", view)
                    .contains("security_invoker=true");
            assertThat(string(c, "select obj_description('" + view + "'::regclass, 'pg_class')"))
                    .as("%s names its owner", view)
                    .startsWith("Owned by the " + owner + " module");
        }
        try (var c = app.getConnection()) {
            c.setAutoCommit(false);
            assertThat(count(c, "select count(*) from " + view))
                    .as("%s without a tenant", view)
                    .isZero();
            setTenant(c, A);
            long own = count(c, "select count(*) from " + view);
            assertThat(own)
                    .as("%s shows customer A its own rows", view)
                    .isPositive()
                    .isEqualTo(count(c, "select count(*) from " + table + " where customer_id = '" + A + "'"));
            assertThat(count(c, "select count(*) from " + view + " where customer_id = '" + B + "'"))
                    .as("%s shows customer A none of customer B's rows", view)
                    .isZero();
            c.rollback();
        }
        try (var c = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            assertThat(count(c, "select count(*) from " + table + " where customer_id = '" + B + "'"))
                    .as("customer B has rows in %s (the check above is not vacuous)", table)
                    .isPositive();
        }
    }

    private static void setTenant(Connection c, String customer) throws SQLException {
        try (var s = c.prepareStatement("select set_config('app.customer_id', ?, true)")) {
            s.setString(1, customer);
            s.execute();
        }
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

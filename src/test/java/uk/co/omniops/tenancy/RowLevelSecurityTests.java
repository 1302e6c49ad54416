package uk.co.omniops.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import uk.co.omniops.platform.PlatformAccess;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/**
 * Tenant isolation in the database itself: connected as the application role, customer A's session
 * cannot read, change or delete customer B's rows in any tenant table, even with hand-written SQL.
 */
@OmniOpsIntegrationTest
class RowLevelSecurityTests {

    static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String B = "bbbbbbbb-0000-0000-0000-000000000001";

    @Autowired
    javax.sql.DataSource applicationDataSource;

    @BeforeAll
    static void loadFixture(@Autowired javax.sql.DataSource ignored) throws Exception {
        // the context (and so the migrations) is up before the fixture goes in
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            var sql = new ClassPathResource("rls-fixture.sql").getContentAsString(StandardCharsets.UTF_8);
            owner.createStatement().execute(sql);
        }
    }

    @Test
    void applicationRoleOwnsNothingAndIsNoSuperuser() throws Exception {
        try (var c = applicationDataSource.getConnection();
                var rs = c.createStatement().executeQuery("""
                select r.rolsuper, r.rolbypassrls,
                       (select count(*) from pg_class where relowner = r.oid) as owned
                  from pg_roles r where r.rolname = current_user""")) {
            rs.next();
            assertThat(rs.getBoolean("rolsuper")).isFalse();
            assertThat(rs.getBoolean("rolbypassrls")).isFalse();
            assertThat(rs.getLong("owned")).isZero();
        }
    }

    @Test
    void everyTenantTableHasForcedRowLevelSecurityAndAPolicy() throws Exception {
        var missing = new ArrayList<String>();
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var rs = owner.createStatement().executeQuery("""
                        select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                               (select count(*) from pg_policies p where p.tablename = c.relname) as policies
                          from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where n.nspname = 'public' and c.relkind = 'r'
                           and (c.relname = 'customers' or exists (select 1 from information_schema.columns col
                                 where col.table_schema = 'public' and col.table_name = c.relname
                                   and col.column_name = 'customer_id'))""")) {
            while (rs.next()) {
                if (!rs.getBoolean(2) || !rs.getBoolean(3) || rs.getLong(4) == 0) {
                    missing.add(rs.getString(1));
                }
            }
        }
        assertThat(missing)
                .as("tenant tables without ENABLE + FORCE row level security and a policy")
                .isEmpty();
    }

    @Test
    void customerACannotReadChangeOrDeleteCustomerBRowsInAnyTenantTable() throws Exception {
        var tables = tenantTables();
        assertThat(tables).contains("messages", "sentiment_analysis", "conversation_insights");
        try (var c = applicationDataSource.getConnection()) {
            c.setAutoCommit(false);
            setTenant(c, A);
            for (var table : tables) {
                var key = table.equals("customers") ? "id" : "customer_id";
                assertThat(count(c, "select count(*) from " + table + " where " + key + " = '" + A + "'"))
                        .as("A sees its own %s", table)
                        .isPositive();
                assertThat(count(c, "select count(*) from " + table + " where " + key + " = '" + B + "'"))
                        .as("A reads B's %s", table)
                        .isZero();
                assertThat(count(c, "select count(*) from " + table))
                        .as("A counts all of %s", table)
                        .isEqualTo(count(c, "select count(*) from " + table + " where " + key + " = '" + A + "'"));
                assertThat(update(
                                c,
                                "update " + table + " set " + key + " = " + key + " where " + key + " = '" + B + "'"))
                        .as("A updates B's %s", table)
                        .isZero();
                assertThat(update(c, "delete from " + table + " where " + key + " = '" + B + "'"))
                        .as("A deletes B's %s", table)
                        .isZero();
                if (!table.equals("customers")) {
                    var sp = c.setSavepoint();
                    assertThatThrownBy(() -> update(
                                    c,
                                    "update " + table + " set customer_id = '" + B + "' where customer_id = '" + A
                                            + "'"))
                            .as("A moves its %s rows to B", table)
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("row-level security");
                    c.rollback(sp);
                }
            }
            c.rollback();
        }
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            for (var table : tables) {
                var key = table.equals("customers") ? "id" : "customer_id";
                assertThat(count(owner, "select count(*) from " + table + " where " + key + " = '" + B + "'"))
                        .as("B's %s rows are still there", table)
                        .isPositive();
            }
        }
    }

    /** Tenancy's published read model (V21): other modules name staff through it, never through app_users. */
    @Test
    void theStaffDirectoryShowsACustomersOwnStaffAndNothingAboutSignIn() throws Exception {
        try (var c = applicationDataSource.getConnection()) {
            c.setAutoCommit(false);
            setTenant(c, A);
            assertThat(count(c, "select count(*) from staff_directory"))
                    .isPositive()
                    .isEqualTo(count(c, "select count(*) from app_users where customer_id = '" + A + "'"));
            assertThat(count(c, "select count(*) from staff_directory where customer_id = '" + B + "'"))
                    .isZero();
            assertThat(string(c, """
                    select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns
                     where table_name = 'staff_directory'""")).isEqualTo("id,customer_id,display_name");
            c.rollback();
        }
    }

    /** The views modules publish for others (V21, V29) are read models: nobody writes through them. */
    @Test
    void publishedViewsAreReadOnly() throws Exception {
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl())) {
            assertThat(count(owner, "select count(*) from information_schema.views where table_schema = 'public'"))
                    .isGreaterThanOrEqualTo(9);
            assertThat(count(owner, """
                    select count(*) from information_schema.views v, (values ('omniops_app'), ('omniops_platform')) r(role)
                     where v.table_schema = 'public'
                       and (has_table_privilege(r.role, v.table_name, 'INSERT')
                         or has_table_privilege(r.role, v.table_name, 'UPDATE')
                         or has_table_privilege(r.role, v.table_name, 'DELETE'))""")).isZero();
        }
        try (var c = applicationDataSource.getConnection()) {
            c.setAutoCommit(false);
            setTenant(c, A);
            assertThatThrownBy(() -> update(c, "update staff_directory set display_name = 'x'"))
                    .hasMessageContaining("permission denied");
            c.rollback();
        }
    }

    /** Issue 21, finding 4: the application's login cannot become the owner or the platform role. */
    @Test
    void theApplicationLoginCannotResetToTheOwnerNorBecomeThePlatformRole() throws Exception {
        try (var c = applicationDataSource.getConnection()) {
            update(c, "reset role");
            assertThat(string(c, "select current_user")).isEqualTo("omniops_app");
            assertThat(string(c, "select session_user")).isEqualTo("omniops_app");
            assertThatThrownBy(() -> update(c, "set role postgres")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> update(c, "set role omniops_platform")).hasMessageContaining("permission denied");
        }
    }

    /** Before issue 21, finding 4, this setting gave the application every customer's rows. */
    @Test
    void theApplicationLoginCannotGrantItselfPlatformAccess() throws Exception {
        try (var c = applicationDataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.prepareStatement("select set_config('app.platform_access', 'on', true)")) {
                s.execute();
            }
            for (var table : tenantTables()) {
                assertThat(count(c, "select count(*) from " + table)).as(table).isZero();
            }
            setTenant(c, A);
            assertThat(count(c, "select count(*) from messages where customer_id = '" + B + "'"))
                    .isZero();
            c.rollback();
        }
    }

    @Test
    void onlyThePlatformLoginSeesEveryCustomerAndItOwnsNothing() throws Exception {
        try (var c = PlatformAccess.call(() -> {
            try {
                return applicationDataSource.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        })) {
            assertThat(string(c, "select current_user")).isEqualTo("omniops_platform");
            assertThat(count(
                            c,
                            "select count(distinct customer_id) from messages where customer_id in ('" + A + "', '" + B
                                    + "')"))
                    .isEqualTo(2);
            assertThat(count(
                            c,
                            "select count(*) from pg_class where relowner = (select oid from pg_roles "
                                    + "where rolname = current_user)"))
                    .isZero();
            assertThatThrownBy(() -> update(c, "set role postgres")).hasMessageContaining("permission denied");
        }
    }

    @Test
    void withoutATenantTheApplicationRoleSeesNoTenantRows() throws Exception {
        try (var c = applicationDataSource.getConnection()) {
            for (var table : tenantTables()) {
                assertThat(count(c, "select count(*) from " + table)).as(table).isZero();
            }
        }
    }

    @Test
    void theTenantSettingDoesNotOutliveItsTransaction() throws Exception {
        try (var c = applicationDataSource.getConnection()) {
            c.setAutoCommit(false);
            setTenant(c, B);
            assertThat(count(c, "select count(*) from messages")).isPositive();
            c.commit();
            assertThat(count(c, "select count(*) from messages")).isZero();
            c.commit();
        }
    }

    static List<String> tenantTables() throws SQLException {
        var tables = new ArrayList<String>();
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var rs = owner.createStatement().executeQuery("""
                        select distinct c.table_name from information_schema.columns c
                          join information_schema.tables t using (table_schema, table_name)
                         where c.table_schema = 'public' and c.column_name = 'customer_id'
                           and t.table_type = 'BASE TABLE' order by 1""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        tables.add("customers");
        return tables;
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

    private static int update(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }
}

package uk.co.omniops.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V24 on a database with both ledgers: a draft written to both (a twin) stays one row and gets no copy, a draft only the
 * drafts' ledger had is copied, sentiment calls are untouched, the drafts' table is gone and {@code ai_usage} keeps its
 * forced row-level security. Its own embedded PostgreSQL, migrated to V20 first.
 */
class AiUsageLedgerMigrationTests {

    @Test
    void foldsTheDraftsLedgerIntoAiUsageWithoutCountingADraftTwice() throws Exception {
        try (var pg = EmbeddedPostgres.builder().start()) {
            var ds = pg.getPostgresDatabase();
            var placeholders = Map.of(
                    "appRole", "v24_app", "appPassword", "x", "platformRole", "v24_platform", "platformPassword", "y");
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .placeholders(placeholders)
                    .target("20")
                    .load()
                    .migrate();
            try (var c = ds.getConnection();
                    var st = c.createStatement()) {
                st.execute(
                        "insert into customers (id, slug, name, plan, region) values ('11111111-0000-0000-0000-000000000001', 'v24-a', 'A', 'business', 'eu')");
                // a twin pair (the draft written to both ledgers) and an old draft only in the drafts' ledger
                st.execute(
                        "insert into suggestion_ai_usage (id, customer_id, model, prompt_tokens, completion_tokens, cost_usd, outcome, created_at) values "
                                + "('22222222-0000-0000-0000-000000000001', '11111111-0000-0000-0000-000000000001', 'gpt-4o', 420, 60, 0.00165, 'success', now()),"
                                + "('22222222-0000-0000-0000-000000000002', '11111111-0000-0000-0000-000000000001', 'gpt-4o', 100, 10, 0.00035, 'success', now() - interval '30 days')");
                st.execute(
                        "insert into ai_usage (id, customer_id, feature, model, prompt_tokens, completion_tokens, cost_usd, outcome, created_at) values "
                                + "('33333333-0000-0000-0000-000000000001', '11111111-0000-0000-0000-000000000001', 'response-suggestions', 'gpt-4o', 420, 60, 0.00165, 'success', now() + interval '1 second'),"
                                + "('33333333-0000-0000-0000-000000000002', '11111111-0000-0000-0000-000000000001', 'sentiment', 'gpt-4o-mini', 50, 5, 0.00001, 'success', now())");
            }
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .placeholders(placeholders)
                    .load()
                    .migrate();
            try (var c = ds.getConnection();
                    var st = c.createStatement()) {
                var rs = st.executeQuery(
                        "select count(*), sum(cost_usd) from ai_usage where feature = 'response-suggestions'");
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("0.00200");
                rs = st.executeQuery("select count(*) from ai_usage");
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(3);
                rs = st.executeQuery("select relforcerowsecurity from pg_class where relname = 'ai_usage'");
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
                rs = st.executeQuery("select count(*) from pg_class where relname = 'suggestion_ai_usage'");
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }
}

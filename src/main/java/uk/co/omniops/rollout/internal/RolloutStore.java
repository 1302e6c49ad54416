package uk.co.omniops.rollout.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FlagDefinition;
import uk.co.omniops.rollout.RolloutAuditEntry;
import uk.co.omniops.rollout.RolloutStep;

/** The flag, ramp-step and audit tables (V5). Platform-level: no customer_id, no row-level security. */
@Repository
public class RolloutStore {

    private final JdbcClient jdbc;

    RolloutStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a flag row if the feature has none yet; returns whether it did. */
    public boolean seed(Feature feature, int percentage, Set<String> whitelist) {
        return jdbc.sql("""
                insert into rollout_flags (feature_key, flag_on, percentage, whitelist, salt, updated_by)
                values (:key, true, :percentage, :whitelist, :salt, 'seed')
                on conflict (feature_key) do nothing""")
                        .param("key", feature.key())
                        .param("percentage", percentage)
                        .param("whitelist", whitelist.toArray(String[]::new))
                        .param("salt", feature.key() + "-omniops")
                        .update()
                == 1;
    }

    public List<FlagDefinition> all() {
        return jdbc.sql("select * from rollout_flags order by feature_key").query(RolloutStore::flag).list().stream()
                .flatMap(Optional::stream)
                .toList();
    }

    /** The row locked for update (callers hold a transaction). */
    public FlagDefinition lock(Feature feature) {
        return jdbc.sql("select * from rollout_flags where feature_key = :key for update")
                .param("key", feature.key())
                .query(RolloutStore::flag)
                .single()
                .orElseThrow(() -> new IllegalStateException("no flag row for " + feature.key()));
    }

    /** Writes every mutable column and increments the version. */
    public void save(FlagDefinition f, String actor) {
        jdbc.sql("""
                update rollout_flags set flag_on = :on, percentage = :percentage, whitelist = :whitelist,
                       blocklist = :blocklist, ramp_paused = :paused, paused_reason = :pausedReason,
                       version = version + 1, updated_by = :actor, updated_at = now()
                 where feature_key = :key""")
                .param("on", f.on())
                .param("percentage", f.percentage())
                .param("whitelist", f.whitelist().toArray(String[]::new))
                .param("blocklist", f.blocklist().toArray(String[]::new))
                .param("paused", f.rampPaused())
                .param("pausedReason", f.pausedReason())
                .param("actor", actor)
                .param("key", f.feature().key())
                .update();
    }

    public void audit(
            String actor,
            Feature feature,
            String action,
            @Nullable String before,
            @Nullable String after,
            String reason) {
        jdbc.sql("""
                insert into rollout_audit (id, actor, feature_key, action, before, after, reason)
                values (:id, :actor, :key, :action, cast(:before as jsonb), cast(:after as jsonb), :reason)""")
                .param("id", UUID.randomUUID())
                .param("actor", actor)
                .param("key", feature.key())
                .param("action", action)
                .param("before", before)
                .param("after", after)
                .param("reason", reason)
                .update();
    }

    public List<RolloutAuditEntry> auditLog(int limit) {
        return jdbc.sql("select * from rollout_audit order by at desc, id limit :limit")
                .param("limit", limit)
                .query((rs, n) -> new RolloutAuditEntry(
                        rs.getObject("id", UUID.class),
                        instant(rs, "at"),
                        rs.getString("actor"),
                        rs.getString("feature_key"),
                        rs.getString("action"),
                        rs.getString("before"),
                        rs.getString("after"),
                        rs.getString("reason")))
                .list();
    }

    public void insertStep(RolloutStep step) {
        jdbc.sql("""
                insert into rollout_steps (id, feature_key, percentage, due_at, safeguard_threshold, status, created_by)
                values (:id, :key, :percentage, :due, :threshold, 'pending', :by)""")
                .param("id", step.id())
                .param("key", step.feature().key())
                .param("percentage", step.percentage())
                .param("due", Timestamp.from(step.dueAt()))
                .param("threshold", step.safeguardThresholdPercent())
                .param("by", step.createdBy())
                .update();
    }

    public List<RolloutStep> steps() {
        return jdbc.sql("select * from rollout_steps order by due_at, id").query(RolloutStore::step).list().stream()
                .flatMap(Optional::stream)
                .toList();
    }

    /** Pending steps whose time has come, locked so that only one replica applies each. */
    public List<RolloutStep> lockDueSteps(Instant now) {
        return jdbc.sql("""
                select * from rollout_steps where status = 'pending' and due_at <= :now
                 order by due_at for update skip locked""").param("now", Timestamp.from(now)).query(RolloutStore::step).list().stream()
                .flatMap(Optional::stream)
                .toList();
    }

    public void markStep(UUID id, RolloutStep.Status status) {
        jdbc.sql("""
                update rollout_steps set status = :status,
                       applied_at = case when :status = 'applied' then now() else applied_at end
                 where id = :id""")
                .param("status", status.name().toLowerCase())
                .param("id", id)
                .update();
    }

    /** Moves a feature's pending steps to {@code to} (pause) or its paused steps back to pending (resume). */
    public int moveSteps(Feature feature, RolloutStep.Status from, RolloutStep.Status to) {
        return jdbc.sql("update rollout_steps set status = :to where feature_key = :key and status = :from")
                .param("to", to.name().toLowerCase())
                .param("from", from.name().toLowerCase())
                .param("key", feature.key())
                .update();
    }

    private static Optional<FlagDefinition> flag(ResultSet rs, int n) throws SQLException {
        return Feature.byKey(rs.getString("feature_key")).map(feature -> {
            try {
                return new FlagDefinition(
                        feature,
                        rs.getBoolean("flag_on"),
                        rs.getInt("percentage"),
                        set(rs.getArray("whitelist")),
                        set(rs.getArray("blocklist")),
                        rs.getString("salt"),
                        rs.getInt("version"),
                        rs.getBoolean("ramp_paused"),
                        rs.getString("paused_reason"),
                        rs.getString("updated_by"),
                        instant(rs, "updated_at"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Optional<RolloutStep> step(ResultSet rs, int n) throws SQLException {
        var applied = rs.getTimestamp("applied_at");
        var id = rs.getObject("id", UUID.class);
        var percentage = rs.getInt("percentage");
        var due = instant(rs, "due_at");
        var threshold = rs.getDouble("safeguard_threshold");
        var status = RolloutStep.Status.valueOf(rs.getString("status").toUpperCase());
        var by = rs.getString("created_by");
        return Feature.byKey(rs.getString("feature_key"))
                .map(feature -> new RolloutStep(
                        id,
                        feature,
                        percentage,
                        due,
                        threshold,
                        status,
                        by,
                        applied == null ? null : applied.toInstant()));
    }

    private static Set<String> set(@Nullable Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        var values = (String[]) array.getArray();
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(Arrays.asList(values)));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}

package uk.co.omniops.escalation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.escalation.Severity;
import uk.co.omniops.tenancy.CustomerId;

/** Escalation rules; callers run inside a tenant transaction (row-level security). */
@Repository
class Rules {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    Rules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Rule> findByCustomer(CustomerId customer) {
        return jdbc.sql("""
                select id, customer_id, name, enabled, severity, condition::text, actions::text, cooldown_minutes, updated_at
                  from escalation_rules where customer_id = ? order by created_at, name""").param(customer.value()).query(Rules::map).list();
    }

    Optional<Rule> findById(CustomerId customer, UUID id) {
        return jdbc.sql("""
                select id, customer_id, name, enabled, severity, condition::text, actions::text, cooldown_minutes, updated_at
                  from escalation_rules where customer_id = ? and id = ?""").params(customer.value(), id).query(Rules::map).optional();
    }

    void save(Rule rule, String by) {
        jdbc.sql("""
                insert into escalation_rules (id, customer_id, name, enabled, severity, condition, actions, cooldown_minutes,
                                              created_by, updated_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, now())
                on conflict (id) do update set name = excluded.name, enabled = excluded.enabled,
                    severity = excluded.severity, condition = excluded.condition, actions = excluded.actions,
                    cooldown_minutes = excluded.cooldown_minutes, updated_at = now()""")
                .params(
                        rule.id(),
                        rule.customerId().value(),
                        rule.name(),
                        rule.enabled(),
                        rule.severity().dbValue(),
                        Condition.toJson(rule.condition()),
                        JSON.writeValueAsString(rule.actions().stream()
                                .map(RuleAction::dbValue)
                                .sorted()
                                .toList()),
                        rule.cooldownMinutes(),
                        by)
                .update();
    }

    int delete(CustomerId customer, UUID id) {
        return jdbc.sql("delete from escalation_rules where customer_id = ? and id = ?")
                .params(customer.value(), id)
                .update();
    }

    /** Marks the customer as seeded; true only for the first caller (idempotent across replicas). */
    boolean markSeeded(CustomerId customer) {
        return jdbc.sql("insert into escalation_rule_seeds (customer_id) values (?) on conflict do nothing")
                        .param(customer.value())
                        .update()
                == 1;
    }

    boolean seeded(CustomerId customer) {
        return jdbc.sql("select exists (select 1 from escalation_rule_seeds where customer_id = ?)")
                .param(customer.value())
                .query(Boolean.class)
                .single();
    }

    private static Rule map(ResultSet rs, int row) throws SQLException {
        var actions = EnumSet.noneOf(RuleAction.class);
        for (var node : JSON.readTree(rs.getString(7)).values()) {
            try {
                actions.add(RuleAction.fromDb(node.asString("")));
            } catch (IllegalArgumentException unknown) {
                // an action a newer version wrote; ignore rather than fail the whole rule
            }
        }
        Condition condition;
        try {
            condition = Condition.parse(rs.getString(6));
        } catch (Condition.InvalidCondition e) {
            // e.g. the RLS fixture's '{}': such a rule never matches
            condition = new Condition.Any(List.of(new Condition.Risk(1.0), new Condition.Risk(1.0)));
            return new Rule(
                    rs.getObject(1, UUID.class),
                    new CustomerId(rs.getObject(2, UUID.class)),
                    rs.getString(3),
                    false,
                    Severity.fromDb(rs.getString(5)),
                    condition,
                    actions,
                    rs.getInt(8),
                    rs.getObject(9, OffsetDateTime.class).toInstant());
        }
        return new Rule(
                rs.getObject(1, UUID.class),
                new CustomerId(rs.getObject(2, UUID.class)),
                rs.getString(3),
                rs.getBoolean(4),
                Severity.fromDb(rs.getString(5)),
                condition,
                actions,
                rs.getInt(8),
                rs.getObject(9, OffsetDateTime.class).toInstant());
    }
}

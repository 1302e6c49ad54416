package uk.co.omniops.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys, under the caller's tenant scope (authentication reads them on the platform path). */
@Repository
class ApiKeys {

    private static final String SELECT = """
            select id, customer_id, name, key_prefix, created_by, created_at, last_used_at, revoked_at
              from api_keys
            """;

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ApiKey> findByCustomer(CustomerId customer) {
        return jdbc.sql(SELECT + " where customer_id = ? order by revoked_at nulls first, created_at desc")
                .param(customer.value())
                .query((rs, i) -> map(rs))
                .list();
    }

    Optional<ApiKey> findById(CustomerId customer, UUID id) {
        return jdbc.sql(SELECT + " where customer_id = ? and id = ?")
                .params(customer.value(), id)
                .query((rs, i) -> map(rs))
                .optional();
    }

    Optional<ApiKey> findByHash(String hash) {
        return jdbc.sql(SELECT + " where key_hash = ?")
                .param(hash)
                .query((rs, i) -> map(rs))
                .optional();
    }

    /** @return whether a row was inserted (false: a key with this hash exists, e.g. the seeded dev key) */
    boolean insert(UUID id, CustomerId customer, String name, String prefix, String hash, String createdBy) {
        return jdbc.sql("""
                insert into api_keys (id, customer_id, name, key_prefix, key_hash, created_by)
                values (?, ?, ?, ?, ?, ?)
                on conflict (key_hash) do nothing
                """)
                        .params(id, customer.value(), name, prefix, hash, createdBy)
                        .update()
                == 1;
    }

    int revoke(CustomerId customer, UUID id) {
        return jdbc.sql(
                        "update api_keys set revoked_at = now() where customer_id = ? and id = ? and revoked_at is null")
                .params(customer.value(), id)
                .update();
    }

    /** Records use at most once a minute per key: no write on every API call. */
    void touch(UUID id) {
        jdbc.sql("""
                update api_keys set last_used_at = now()
                 where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')
                """).param(id).update();
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        return new ApiKey(
                rs.getObject("id", UUID.class),
                new CustomerId(rs.getObject("customer_id", UUID.class)),
                rs.getString("name"),
                rs.getString("key_prefix"),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

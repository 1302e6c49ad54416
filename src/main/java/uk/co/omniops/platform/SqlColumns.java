package uk.co.omniops.platform;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * One column of many rows as one SQL array parameter, for set-based bulk inserts ({@code insert … select from
 * unnest(:ids::uuid[], :at::timestamptz[], …)}): one statement for thousands of rows instead of a batch of thousands.
 * Used by the modules' history imports (issue 22: each module writes its own tables).
 */
public final class SqlColumns {

    private SqlColumns() {}

    /**
     * The column as a {@code text[]} ({@code null} stays null), to be cast to the column's type in SQL: PostgreSQL
     * parses uuids, ISO instants ({@link java.time.Instant#toString}) and numbers from text, so one array type serves
     * every column.
     */
    public static <R> SqlArrayValue text(List<R> rows, Function<R, @Nullable Object> column) {
        var values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            var value = column.apply(rows.get(i));
            values[i] = value == null ? null : value.toString();
        }
        return new SqlArrayValue("text", (Object[]) values);
    }
}

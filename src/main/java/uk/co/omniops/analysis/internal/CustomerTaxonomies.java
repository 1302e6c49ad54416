package uk.co.omniops.analysis.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.co.omniops.analysis.CategoryDefinition;
import uk.co.omniops.analysis.model.Taxonomy;
import uk.co.omniops.tenancy.CustomerId;

/**
 * A customer's taxonomy: the default keys (stable, never renamed as keys) overlaid with the customer's rows in
 * {@code customer_categories} (a new display name, retirement, or an added key). Runs inside the caller's tenant
 * transaction.
 */
@Repository
public class CustomerTaxonomies {

    private final JdbcClient jdbc;

    CustomerTaxonomies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Default keys in their order, then the customer's own keys by creation; retired ones included. */
    public List<CategoryDefinition> all(CustomerId customer) {
        var result = new LinkedHashMap<String, CategoryDefinition>();
        Taxonomy.displayNames()
                .forEach((key, name) -> result.put(key, new CategoryDefinition(key, name, false, false)));
        jdbc.sql(
                        "select key, display_name, retired from customer_categories where customer_id = ? order by created_at, key")
                .param(customer.value())
                .query((rs, i) -> new CategoryDefinition(
                        rs.getString(1), rs.getString(2), !Taxonomy.contains(rs.getString(1)), rs.getBoolean(3)))
                .list()
                .forEach(d -> result.put(d.key(), d));
        return new ArrayList<>(result.values());
    }

    public Set<String> retired(CustomerId customer) {
        return all(customer).stream()
                .filter(CategoryDefinition::retired)
                .map(CategoryDefinition::key)
                .collect(Collectors.toUnmodifiableSet());
    }

    Set<String> active(CustomerId customer) {
        return all(customer).stream()
                .filter(d -> !d.retired())
                .map(CategoryDefinition::key)
                .collect(Collectors.toUnmodifiableSet());
    }

    public void upsert(CustomerId customer, String key, String displayName, boolean retired) {
        jdbc.sql("""
                insert into customer_categories (customer_id, key, display_name, retired) values (?, ?, ?, ?)
                on conflict (customer_id, key) do update set display_name = excluded.display_name, retired = excluded.retired""").params(customer.value(), key, displayName, retired).update();
    }
}

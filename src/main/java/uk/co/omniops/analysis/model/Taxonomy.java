package uk.co.omniops.analysis.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fixed default category taxonomy: keys in a stable order and their display names. */
public final class Taxonomy {

    private static final Map<String, String> DEFAULT;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("billing", "Billing & payments");
        m.put("refund", "Refunds");
        m.put("delivery", "Delivery & shipping");
        m.put("order", "Orders");
        m.put("account", "Account & login");
        m.put("cancellation", "Cancellation");
        m.put("technical", "Technical problem");
        m.put("product", "Product question");
        m.put("complaint", "Complaint");
        m.put("praise", "Praise");
        m.put("human_agent", "Asks for a person");
        DEFAULT = java.util.Collections.unmodifiableMap(m);
    }

    private Taxonomy() {}

    /** The default keys in display order; never null, unmodifiable. */
    public static List<String> keys() {
        return List.copyOf(DEFAULT.keySet());
    }

    /** Key → display name, in display order; never null, unmodifiable. */
    public static Map<String, String> displayNames() {
        return DEFAULT;
    }

    /** Whether {@code key} is a default taxonomy key. */
    public static boolean contains(String key) {
        return DEFAULT.containsKey(key);
    }
}

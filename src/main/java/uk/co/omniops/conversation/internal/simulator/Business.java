package uk.co.omniops.conversation.internal.simulator;

import java.util.List;
import java.util.Map;

/**
 * The three demo businesses, each with the words its customers use (filled into templates as {@code {var}}).
 */
public enum Business {
    TECH_SUPPORT(
            "techsupport-co",
            Map.of(
                    "product",
                            List.of(
                                    "CloudDesk",
                                    "SecureVPN",
                                    "the backup agent",
                                    "the Office 365 licence",
                                    "the helpdesk portal",
                                    "Remote Assist"),
                    "device", List.of("laptop", "desktop", "router", "printer", "work phone", "MacBook"),
                    "error",
                            List.of(
                                    "error 0x80070005",
                                    "'licence not valid'",
                                    "error 503",
                                    "'sync failed'",
                                    "a blue screen",
                                    "'certificate expired'"),
                    "plan", List.of("Basic", "Pro", "Business", "Enterprise"))),
    ENGINEERING(
            "thompson-engineering",
            Map.of(
                    "part",
                            List.of(
                                    "hydraulic pump",
                                    "gearbox assembly",
                                    "bearing kit",
                                    "control valve",
                                    "batch of steel brackets",
                                    "CNC spindle",
                                    "conveyor motor"),
                    "site",
                            List.of(
                                    "Leeds plant",
                                    "Bristol site",
                                    "Manchester workshop",
                                    "Glasgow depot",
                                    "Sheffield yard"),
                    "engineer",
                            List.of(
                                    "the service engineer",
                                    "your field technician",
                                    "the commissioning team",
                                    "the inspector"))),
    FOOD_DELIVERY(
            "fooddelivery-inc",
            Map.of(
                    "restaurant",
                            List.of(
                                    "Pizza Palace",
                                    "Sushi Go",
                                    "The Curry House",
                                    "Burger Barn",
                                    "Green Bowl",
                                    "Taco Fiesta"),
                    "item",
                            List.of(
                                    "pad thai",
                                    "margherita pizza",
                                    "chicken katsu curry",
                                    "veggie burger",
                                    "lamb biryani",
                                    "poke bowl",
                                    "garlic bread"),
                    "courier", List.of("the rider", "the courier", "the driver")));

    private final String slug;
    private final Map<String, List<String>> vocabulary;

    Business(String slug, Map<String, List<String>> vocabulary) {
        this.slug = slug;
        this.vocabulary = vocabulary;
    }

    /** The demo customer's slug. */
    public String slug() {
        return slug;
    }

    Map<String, List<String>> vocabulary() {
        return vocabulary;
    }
}

package uk.co.omniops.rollout;

import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import java.time.Duration;
import java.util.ArrayList;
import uk.co.omniops.platform.LiveUpdate;
import uk.co.omniops.platform.LiveUpdates;
import uk.co.omniops.shell.LiveRefresh;
import uk.co.omniops.tenancy.CustomerId;

/**
 * A small chip for any view in another module: "AI features 4/6" for one customer, with the features that are on
 * in its tooltip and in {@code data-features}; it updates itself (no reload) when the rollout changes for that
 * customer. Place it e.g. in the inbox header: {@code new FeatureIndicator(featureFlags, liveUpdates, customerId)}.
 */
public class FeatureIndicator extends Badge {

    private final FeatureFlags flags;
    private final CustomerId customer;

    public FeatureIndicator(FeatureFlags flags, LiveUpdates liveUpdates, CustomerId customer) {
        this.flags = flags;
        this.customer = customer;
        setId("ai-features");
        addThemeVariants(BadgeVariant.SMALL);
        show();
        LiveRefresh.whileAttached(
                this,
                liveUpdates,
                customer.value(),
                Duration.ofMillis(100),
                update -> update.is(LiveUpdate.Kind.ROLLOUT_CHANGED),
                updates -> show());
        // what changed while detached shows on the next attach
        addAttachListener(e -> show());
    }

    private void show() {
        var on = new ArrayList<String>();
        for (var f : Feature.values()) {
            if (flags.isEnabled(customer, f)) {
                on.add(f.key());
            }
        }
        setText("AI features " + on.size() + "/" + Feature.values().length);
        getElement().setAttribute("title", on.isEmpty() ? "No AI features are on" : "On: " + String.join(", ", on));
        getElement().setAttribute("data-features", String.join(" ", on));
        getElement().getThemeList().remove("success");
        getElement().getThemeList().remove("contrast");
        addThemeVariants(on.isEmpty() ? BadgeVariant.CONTRAST : BadgeVariant.SUCCESS);
    }
}

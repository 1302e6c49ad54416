package uk.co.omniops.rollout.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.RolloutManagement;
import uk.co.omniops.tenancy.TenancyManagement;
import uk.co.omniops.tenancy.TenantPrincipal;

/** {@code GET /api/v1/features}: the API key's customer's effective flags, each with its reason. */
@RestController
class FeaturesApi {

    record FlagJson(
            String key,
            boolean enabled,
            String reason,
            String explanation,
            @Nullable String prerequisite) {}

    record FeaturesJson(String customer, String source, List<FlagJson> features) {}

    private final RolloutManagement rollout;
    private final TenancyManagement tenancy;

    FeaturesApi(RolloutManagement rollout, TenancyManagement tenancy) {
        this.rollout = rollout;
        this.tenancy = tenancy;
    }

    @GetMapping(path = "/api/v1/features", produces = "application/json")
    FeaturesJson features(@AuthenticationPrincipal @Nullable TenantPrincipal principal) {
        var customerId = principal == null ? null : principal.customerId().orElse(null);
        if (customerId == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "an API key of a customer is required");
        }
        var customer = tenancy.customer(customerId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "unknown customer"));
        var flags = rollout.effectiveFlags(customer).values().stream()
                .map(f -> new FlagJson(
                        f.feature().key(),
                        f.enabled(),
                        f.reason().name().toLowerCase(),
                        f.explanation(),
                        f.feature().prerequisite().map(Feature::key).orElse(null)))
                .toList();
        return new FeaturesJson(customer.slug(), rollout.status().source(), flags);
    }
}

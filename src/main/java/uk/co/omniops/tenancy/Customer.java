package uk.co.omniops.tenancy;

import java.time.Instant;

/** A business using OmniOps; {@code slug} is its stable public key (also the LaunchDarkly context key). */
public record Customer(CustomerId id, String slug, String name, String plan, String region, Instant createdAt) {}

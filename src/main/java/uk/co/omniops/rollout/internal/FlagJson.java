package uk.co.omniops.rollout.internal;

import com.launchdarkly.sdk.LDValue;
import com.launchdarkly.sdk.server.DataModel;
import com.launchdarkly.sdk.server.subsystems.DataStoreTypes.ItemDescriptor;
import uk.co.omniops.rollout.FlagDefinition;

/**
 * Our flag row as a LaunchDarkly flag (the JSON LaunchDarkly itself streams), so that the SDK does the bucketing,
 * targeting and prerequisites. Variations are {@code [false, true]}; the off variation is false.
 *
 * <ul>
 * <li>whitelist: {@code contextTargets} for context kind {@code customer} (plain {@code targets} only match kind
 * {@code user}), serving true; targets are evaluated before rules;
 * <li>blocklist: rule {@code blocklist} with an {@code in} clause on the customer key, serving false, evaluated before
 * the fallthrough;
 * <li>percentage: fallthrough rollout bucketed by the customer key, weights in thousandths of a percent (true first,
 * then false) with the flag's fixed salt, so raising the percentage only ever adds customers.
 * </ul>
 *
 * @see <a href="../../../../../../../docs/decisions/007-feature-rollout.md">decision 007</a>
 */
final class FlagJson {

    static final String CONTEXT_KIND = "customer";
    static final String BLOCKLIST_RULE = "blocklist";

    private FlagJson() {}

    public static String toJson(FlagDefinition f) {
        var prerequisites = LDValue.buildArray();
        f.feature()
                .prerequisite()
                .ifPresent(p -> prerequisites.add(LDValue.buildObject()
                        .put("key", p.key())
                        .put("variation", 1)
                        .build()));
        var contextTargets = LDValue.buildArray();
        if (!f.whitelist().isEmpty()) {
            contextTargets.add(LDValue.buildObject()
                    .put("contextKind", CONTEXT_KIND)
                    .put("variation", 1)
                    .put("values", strings(f.whitelist()))
                    .build());
        }
        var rules = LDValue.buildArray();
        if (!f.blocklist().isEmpty()) {
            rules.add(LDValue.buildObject()
                    .put("id", BLOCKLIST_RULE)
                    .put("variation", 0)
                    .put("trackEvents", false)
                    .put(
                            "clauses",
                            LDValue.buildArray()
                                    .add(LDValue.buildObject()
                                            .put("contextKind", CONTEXT_KIND)
                                            .put("attribute", "key")
                                            .put("op", "in")
                                            .put("values", strings(f.blocklist()))
                                            .put("negate", false)
                                            .build())
                                    .build())
                    .build());
        }
        var weightOn = f.percentage() * 1000;
        var rollout = LDValue.buildObject()
                .put("contextKind", CONTEXT_KIND)
                .put("bucketBy", "key")
                .put(
                        "variations",
                        LDValue.buildArray()
                                .add(LDValue.buildObject()
                                        .put("variation", 1)
                                        .put("weight", weightOn)
                                        .build())
                                .add(LDValue.buildObject()
                                        .put("variation", 0)
                                        .put("weight", 100_000 - weightOn)
                                        .build())
                                .build())
                .build();
        return LDValue.buildObject()
                .put("key", f.feature().key())
                .put("version", f.version())
                .put("on", f.on())
                .put("salt", f.salt())
                .put("variations", LDValue.buildArray().add(false).add(true).build())
                .put("offVariation", 0)
                .put("prerequisites", prerequisites.build())
                .put("targets", LDValue.buildArray().build())
                .put("contextTargets", contextTargets.build())
                .put("rules", rules.build())
                .put(
                        "fallthrough",
                        LDValue.buildObject().put("rollout", rollout).build())
                .put("clientSide", false)
                .put("trackEvents", false)
                .put("trackEventsFallthrough", false)
                .put("deleted", false)
                .build()
                .toJsonString();
    }

    public static ItemDescriptor toItem(FlagDefinition f) {
        return DataModel.FEATURES.deserialize(toJson(f));
    }

    private static LDValue strings(Iterable<String> values) {
        var array = LDValue.buildArray();
        values.forEach(array::add);
        return array.build();
    }
}

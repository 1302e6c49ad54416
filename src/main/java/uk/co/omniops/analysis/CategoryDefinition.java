package uk.co.omniops.analysis;

/**
 * One category in a customer's effective taxonomy.
 *
 * @param custom true for keys the customer added (not in the default taxonomy)
 */
public record CategoryDefinition(String key, String displayName, boolean custom, boolean retired) {}

package io.earlywarning.cluster;

import java.util.List;

/**
 * What the clustering stage decided for one case: its cluster and that cluster's size in the window, whether the
 * case founded it, its nearest earlier cases, and what else it caused (merges, growth signals, expiries).
 */
public record ClusterAssignment(String caseId, String clusterId, int clusterSize, boolean founded,
                                List<Neighbour> nearest, List<ClusterEvent> events, List<ClusterGrowthSignal> signals) {
}

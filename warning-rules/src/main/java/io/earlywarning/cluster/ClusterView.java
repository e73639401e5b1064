package io.earlywarning.cluster;

import java.util.Map;

/** A cluster with its cases in arrival order, each with its hits ({@link ClusterMember}): for reading and tests. */
public record ClusterView(ClusterRecord cluster, Map<String, Integer> hitsByCase) {
}

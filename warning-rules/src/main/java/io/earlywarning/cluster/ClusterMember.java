package io.earlywarning.cluster;

/**
 * A case's place in a cluster as its changelogged store keeps it (keyed by case id).
 *
 * @param clusterId  the cluster the case is in
 * @param hits       how often it was the nearest case of a later member (the most often is the representative)
 */
public record ClusterMember(String clusterId, int hits) {
}

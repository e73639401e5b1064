package io.earlywarning.cluster;

/**
 * One cluster as its changelogged store keeps it: what it is, not who is in it — each case's cluster is kept with
 * the case ({@link ClusterMember}), so that a case joining a cluster of thousands writes a few bytes, not the list.
 *
 * @param clusterId       {@code cl-} and the id of the case that founded it: stable for the cluster's life
 * @param foundedAt       event time of the founding case, epoch seconds (the older cluster survives a merge)
 * @param signalled       largest growth size signalled so far (0 if none)
 * @param growthVersion   versions of {@code CLUSTER_GROWTH} raised so far
 * @param firstSignalAt   event time of the first growth signal, epoch seconds, or 0
 */
public record ClusterRecord(String clusterId, long foundedAt, int signalled, int growthVersion, long firstSignalAt) {
}

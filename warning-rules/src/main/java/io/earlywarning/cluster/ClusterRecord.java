package io.earlywarning.cluster;

import java.util.List;

/**
 * One cluster as its changelogged store keeps it.
 *
 * @param clusterId       {@code cl-} and the id of the case that founded it: stable for the cluster's life
 * @param foundedAt       event time of the founding case, epoch seconds (the older cluster survives a merge)
 * @param members         the cases in the window, in arrival order, each with how often it was the nearest case
 *                        of a later member (the most often is the cluster's representative)
 * @param signalled       largest growth size signalled so far (0 if none)
 * @param growthVersion   versions of {@code CLUSTER_GROWTH} raised so far
 * @param firstSignalAt   event time of the first growth signal, epoch seconds, or 0
 */
public record ClusterRecord(String clusterId, long foundedAt, List<Member> members, int signalled, int growthVersion,
                            long firstSignalAt) {

    public record Member(String caseId, int hits) {
    }
}

package io.earlywarning.cluster;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A change of a cluster's identity, published on topic {@code clusters} so that nothing is silently rewritten:
 * {@code merged} when a case shows that two clusters are one matter (the older cluster keeps its id, the others
 * are absorbed), {@code expired} when a cluster's last case has left the window.
 *
 * @param eventId    deterministic: the same input gives the same events
 * @param type       {@code merged} or {@code expired}
 * @param clusterId  the surviving (or expired) cluster
 * @param absorbed   the clusters merged into it, each with its cases
 * @param caseId     the case that showed the merge
 * @param similarity that case's similarity to the absorbed cluster
 * @param size       the surviving cluster's size after the event
 * @param at         event time
 */
public record ClusterEvent(String eventId, String type, String clusterId, List<Absorbed> absorbed, String caseId,
                           Double similarity, int size, OffsetDateTime at) {

    public record Absorbed(String clusterId, List<String> caseIds) {
    }
}

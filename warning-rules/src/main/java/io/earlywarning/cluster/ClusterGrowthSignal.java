package io.earlywarning.cluster;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code CLUSTER_GROWTH} on topic {@code signals}: a cluster of one matter crossed a configured size within its
 * window (类案聚集). Carries case ids as evidence and the matter's representative subject; no petitioner data.
 *
 * @param signalId              {@code cluster-growth:<clusterId>}: every version of one cluster's growth
 * @param size                  cases of the cluster in the window
 * @param threshold             the configured size it crossed
 * @param representativeSubject subject (or opening words) of the case most often nearest to the others
 * @param district              the place and category most of its cases name, or null
 * @param accusedUnits          units its cases accuse, so that routing can keep the warning away from them
 * @param detectedAt            event time of the first growth signal of this cluster
 * @param updatedAt             event time of the case that made this version
 */
public record ClusterGrowthSignal(String signalId, String type, String rule, String status, int version,
                                  String clusterId, int size, int threshold, List<String> caseIds,
                                  String representativeCaseId, String representativeSubject, String district,
                                  String town, String estate, String category, List<String> accusedUnits,
                                  OffsetDateTime detectedAt, OffsetDateTime updatedAt) {
}

package io.earlywarning.cluster.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.earlywarning.cluster.Neighbour;
import io.earlywarning.domain.Case;

import java.util.List;

/**
 * A case on topic {@code cases.clustered}: the case as intake wrote it, the similar-case cluster (类案) it joined or
 * founded, that cluster's size in the window, and its nearest earlier cases with their similarity.
 */
public record ClusteredCase(String caseId, String clusterId, int clusterSize, boolean founded,
                            List<Neighbour> nearest, @JsonProperty("case") Case aCase) {
}

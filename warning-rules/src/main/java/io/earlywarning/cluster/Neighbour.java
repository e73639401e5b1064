package io.earlywarning.cluster;

/** A near earlier case: its id, its cluster, and the combined similarity (text cosine with place and category). */
public record Neighbour(String caseId, String clusterId, double similarity) {
}

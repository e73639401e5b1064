package io.earlywarning.cluster.stream;

import io.earlywarning.cluster.ClusterAssignment;
import io.earlywarning.cluster.ClusterEvent;
import io.earlywarning.domain.Case;

import java.util.List;

/**
 * What the clustering task passes downstream: a case with its assignment, or (from the expiry punctuation) only
 * cluster events. The topology splits it onto {@code cases.clustered}, {@code clusters} and {@code signals}.
 */
public record ClusterOutcome(Case aCase, ClusterAssignment assignment, List<ClusterEvent> expired) {

    public List<ClusterEvent> events() {
        return assignment == null ? expired : assignment.events();
    }

    public boolean hasCase() {
        return aCase != null;
    }

    public ClusteredCase clustered() {
        return new ClusteredCase(aCase.caseId(), assignment.clusterId(), assignment.clusterSize(),
                assignment.founded(), assignment.nearest(), aCase);
    }
}

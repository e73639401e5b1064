package io.earlywarning.cluster.stream;

import io.earlywarning.cluster.ClusterAssignment;
import io.earlywarning.cluster.ClusterEvent;
import io.earlywarning.domain.Case;

import java.util.List;

/**
 * What the clustering task passes downstream for one case: the case with its assignment, whose events (merges, and
 * the expiries the case's event time caused) go to {@code clusters}. The topology splits it onto
 * {@code cases.clustered}, {@code clusters} and {@code signals}.
 */
public record ClusterOutcome(Case aCase, ClusterAssignment assignment) {

    public List<ClusterEvent> events() {
        return assignment.events();
    }

    public ClusteredCase clustered() {
        return new ClusteredCase(aCase.caseId(), assignment.clusterId(), assignment.clusterSize(),
                assignment.founded(), assignment.nearest(), aCase);
    }
}

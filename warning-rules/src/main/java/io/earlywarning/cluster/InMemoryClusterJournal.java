package io.earlywarning.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A journal kept in memory in the form the stage's stores keep it (indexed cases as bytes), so that a clusterer
 * can be rebuilt from it as a restarted task is: for tests and benchmarks.
 */
public final class InMemoryClusterJournal implements ClusterJournal {

    private final Map<String, byte[]> cases = new LinkedHashMap<>();
    private final Map<String, ClusterMember> members = new LinkedHashMap<>();
    private final Map<String, ClusterRecord> clusters = new LinkedHashMap<>();

    @Override
    public void indexed(IndexedCase c) {
        cases.put(c.caseId(), c.toBytes());
    }

    @Override
    public void memberChanged(String caseId, ClusterMember member) {
        members.put(caseId, member);
    }

    @Override
    public void expired(String caseId) {
        cases.remove(caseId);
        members.remove(caseId);
    }

    @Override
    public void clusterChanged(ClusterRecord cluster) {
        clusters.put(cluster.clusterId(), cluster);
    }

    @Override
    public void clusterRemoved(String clusterId) {
        clusters.remove(clusterId);
    }

    /** A clusterer rebuilt from what was kept, writing its later changes nowhere. */
    public CaseClusterer restore(ClusterRules rules) {
        CaseClusterer c = new CaseClusterer(rules, ClusterJournal.none());
        List<IndexedCase> indexed = cases.values().stream().map(IndexedCase::fromBytes).toList();
        c.restore(indexed, Map.copyOf(members), List.copyOf(clusters.values()));
        return c;
    }
}

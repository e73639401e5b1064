package io.earlywarning.cluster.stream;

import io.earlywarning.cluster.ClusterJournal;
import io.earlywarning.cluster.ClusterMember;
import io.earlywarning.cluster.ClusterRecord;
import io.earlywarning.cluster.IndexedCase;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The clusterer's journal in three changelogged stores: the indexed cases (binary), each case's cluster, and the
 * clusters.
 */
final class StoreClusterJournal implements ClusterJournal {

    private final KeyValueStore<String, byte[]> cases;
    private final KeyValueStore<String, ClusterMember> members;
    private final KeyValueStore<String, ClusterRecord> clusters;

    StoreClusterJournal(KeyValueStore<String, byte[]> cases, KeyValueStore<String, ClusterMember> members,
                        KeyValueStore<String, ClusterRecord> clusters) {
        this.cases = cases;
        this.members = members;
        this.clusters = clusters;
    }

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
        cases.delete(caseId);
        members.delete(caseId);
    }

    @Override
    public void clusterChanged(ClusterRecord cluster) {
        clusters.put(cluster.clusterId(), cluster);
    }

    @Override
    public void clusterRemoved(String clusterId) {
        clusters.delete(clusterId);
    }

    List<IndexedCase> indexedCases() {
        List<IndexedCase> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = cases.all()) {
            it.forEachRemaining(kv -> out.add(IndexedCase.fromBytes(kv.value)));
        }
        return out;
    }

    Map<String, ClusterMember> memberships() {
        Map<String, ClusterMember> out = new HashMap<>();
        try (KeyValueIterator<String, ClusterMember> it = members.all()) {
            it.forEachRemaining(kv -> out.put(kv.key, kv.value));
        }
        return out;
    }

    List<ClusterRecord> clusterRecords() {
        List<ClusterRecord> out = new ArrayList<>();
        try (KeyValueIterator<String, ClusterRecord> it = clusters.all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }
}

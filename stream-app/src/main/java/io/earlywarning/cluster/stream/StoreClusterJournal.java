package io.earlywarning.cluster.stream;

import io.earlywarning.cluster.ClusterJournal;
import io.earlywarning.cluster.ClusterRecord;
import io.earlywarning.cluster.IndexedCase;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/** The clusterer's journal in two changelogged stores: the indexed cases (binary) and the clusters. */
final class StoreClusterJournal implements ClusterJournal {

    private final KeyValueStore<String, byte[]> cases;
    private final KeyValueStore<String, ClusterRecord> clusters;

    StoreClusterJournal(KeyValueStore<String, byte[]> cases, KeyValueStore<String, ClusterRecord> clusters) {
        this.cases = cases;
        this.clusters = clusters;
    }

    @Override
    public void indexed(IndexedCase c) {
        cases.put(c.caseId(), c.toBytes());
    }

    @Override
    public void expired(String caseId) {
        cases.delete(caseId);
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

    List<ClusterRecord> clusterRecords() {
        List<ClusterRecord> out = new ArrayList<>();
        try (KeyValueIterator<String, ClusterRecord> it = clusters.all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }
}

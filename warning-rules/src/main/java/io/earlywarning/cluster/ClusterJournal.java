package io.earlywarning.cluster;

/**
 * Where the clusterer writes down every change of its state, so that a restarted instance rebuilds the same index
 * ({@link CaseClusterer#restore}). The streaming stage writes to changelogged stores; the command line keeps nothing.
 */
public interface ClusterJournal {

    void indexed(IndexedCase c);

    void expired(String caseId);

    void clusterChanged(ClusterRecord cluster);

    void clusterRemoved(String clusterId);

    static ClusterJournal none() {
        return new ClusterJournal() {
            @Override
            public void indexed(IndexedCase c) {
            }

            @Override
            public void expired(String caseId) {
            }

            @Override
            public void clusterChanged(ClusterRecord cluster) {
            }

            @Override
            public void clusterRemoved(String clusterId) {
            }
        };
    }
}

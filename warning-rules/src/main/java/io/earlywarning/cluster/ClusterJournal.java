package io.earlywarning.cluster;

/**
 * Where the clusterer writes down every change of its state, so that a restarted instance rebuilds the same index
 * ({@link CaseClusterer#restore}). The streaming stage writes to changelogged stores; the command line keeps nothing.
 * Every call writes a small record: none grows with the size of a cluster.
 */
public interface ClusterJournal {

    void indexed(IndexedCase c);

    /** A case's cluster or hits changed (it joined, its cluster merged into another, it was the nearest again). */
    void memberChanged(String caseId, ClusterMember member);

    /** The case left the window: its indexed form and its membership go. */
    void expired(String caseId);

    void clusterChanged(ClusterRecord cluster);

    void clusterRemoved(String clusterId);

    static ClusterJournal none() {
        return new ClusterJournal() {
            @Override
            public void indexed(IndexedCase c) {
            }

            @Override
            public void memberChanged(String caseId, ClusterMember member) {
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

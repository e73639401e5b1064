package io.earlywarning.cluster.stream;

import io.earlywarning.cluster.CaseClusterer;
import io.earlywarning.cluster.ClusterAssignment;
import io.earlywarning.cluster.ClusterCase;
import io.earlywarning.cluster.ClusterRules;
import io.earlywarning.domain.Case;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clustering stage's one task: all cases meet in one index (the topology repartitions them to a single
 * partition), because any case may be about the same matter as any other, in any district. On start the index
 * is rebuilt from the changelogged stores, so a restarted or moved task decides the next case exactly as before.
 * Cases leave the window by event time, as each new case's own time moves it on: not by Kafka's record time, which
 * is when a record reached the broker (a replay or a backlog arrives months after its cases were made, and stream
 * time punctuation then emptied the window at every restart).
 */
public final class ClusterProcessor implements Processor<String, Case, String, ClusterOutcome> {

    public static final String CASE_STORE = "cluster-indexed-cases";
    public static final String MEMBER_STORE = "cluster-members";
    public static final String CLUSTER_STORE = "cluster-records";

    // Static: an instance runs at most one clustering task, and a task re-created after a rebalance must update the
    // gauges already registered rather than leave them reading a closed task.
    private static final AtomicInteger INDEXED = new AtomicInteger();
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    private final ClusterRules rules;
    private final MeterRegistry registry;
    private CaseClusterer clusterer;
    private ProcessorContext<String, ClusterOutcome> context;
    private Counter merges;
    private Counter growth;

    public ClusterProcessor(ClusterRules rules, MeterRegistry registry) {
        this.rules = rules;
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<String, ClusterOutcome> context) {
        this.context = context;
        StoreClusterJournal journal = new StoreClusterJournal(context.getStateStore(CASE_STORE),
                context.getStateStore(MEMBER_STORE), context.getStateStore(CLUSTER_STORE));
        clusterer = new CaseClusterer(rules, journal);
        clusterer.restore(journal.indexedCases(), journal.memberships(), journal.clusterRecords());
        Gauge.builder("ew_cluster_index_cases", INDEXED, AtomicInteger::get)
                .description("Cases in the similar-case index (the clustering window)").register(registry);
        Gauge.builder("ew_clusters", CLUSTERS, AtomicInteger::get)
                .description("Similar-case clusters in the window, singletons included").register(registry);
        merges = Counter.builder("ew_cluster_merges_total")
                .description("Clusters absorbed into an older cluster of the same matter").register(registry);
        growth = Counter.builder("ew_cluster_growth_signals_total")
                .description("CLUSTER_GROWTH signals raised").register(registry);
        publishSizes();
    }

    @Override
    public void process(Record<String, Case> record) {
        Case c = record.value();
        if (c == null || c.caseId() == null) {
            return;
        }
        ClusterAssignment a = clusterer.assign(ClusterCase.of(c));
        a.events().stream().filter(e -> e.type().equals("merged")).forEach(e -> merges.increment(e.absorbed().size()));
        growth.increment(a.signals().size());
        publishSizes();
        context.forward(record.withKey(c.caseId()).withValue(new ClusterOutcome(c, a)));
    }

    private void publishSizes() {
        INDEXED.set(clusterer.size());
        CLUSTERS.set(clusterer.clusterCount());
    }
}

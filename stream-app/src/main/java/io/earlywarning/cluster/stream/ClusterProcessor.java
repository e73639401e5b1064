package io.earlywarning.cluster.stream;

import io.earlywarning.cluster.CaseClusterer;
import io.earlywarning.cluster.ClusterAssignment;
import io.earlywarning.cluster.ClusterCase;
import io.earlywarning.cluster.ClusterEvent;
import io.earlywarning.cluster.ClusterRules;
import io.earlywarning.domain.Case;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clustering stage's one task: all cases meet in one index (the topology repartitions them to a single
 * partition), because any case may be about the same matter as any other, in any district. On start the index
 * is rebuilt from the changelogged stores, so a restarted or moved task decides the next case exactly as before.
 * Stream time, punctuated hourly, lets cases leave the window even when no case arrives.
 */
public final class ClusterProcessor implements Processor<String, Case, String, ClusterOutcome> {

    public static final String CASE_STORE = "cluster-indexed-cases";
    public static final String MEMBER_STORE = "cluster-members";
    public static final String CLUSTER_STORE = "cluster-records";
    static final Duration EXPIRY_CHECK = Duration.ofHours(1);

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
        context.schedule(EXPIRY_CHECK, PunctuationType.STREAM_TIME, now -> {
            List<ClusterEvent> expired = clusterer.advanceTo(now / 1000);
            if (!expired.isEmpty()) {
                context.forward(new Record<>("expiry", new ClusterOutcome(null, null, expired), now));
            }
            publishSizes();
        });
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
        context.forward(record.withKey(c.caseId()).withValue(new ClusterOutcome(c, a, List.of())));
    }

    private void publishSizes() {
        INDEXED.set(clusterer.size());
        CLUSTERS.set(clusterer.clusterCount());
    }
}

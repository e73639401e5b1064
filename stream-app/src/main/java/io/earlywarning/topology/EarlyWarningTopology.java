package io.earlywarning.topology;

import io.earlywarning.app.AppConfig;
import io.earlywarning.category.CategoryClassifier;
import io.earlywarning.cluster.ClusterEvent;
import io.earlywarning.cluster.ClusterGrowthSignal;
import io.earlywarning.cluster.ClusterMember;
import io.earlywarning.cluster.ClusterRecord;
import io.earlywarning.cluster.ClusterRules;
import io.earlywarning.cluster.stream.ClusterOutcome;
import io.earlywarning.cluster.stream.ClusterProcessor;
import io.earlywarning.cluster.stream.ClusteredCase;
import io.earlywarning.domain.Case;
import io.earlywarning.intake.CaseNormalizer;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.intake.SourceRecordReader;
import io.earlywarning.intake.stream.DuplicateFilter;
import io.earlywarning.intake.stream.DuplicateRecord;
import io.earlywarning.intake.stream.EstateNameProcessor;
import io.earlywarning.intake.stream.IntakeEnvelope;
import io.earlywarning.intake.stream.IntakeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.earlywarning.intake.stream.IntakeOutcome;
import io.earlywarning.intake.stream.IntakeProcessingErrorHandler;
import io.earlywarning.intake.stream.IntakeRejectionHandler;
import io.earlywarning.intake.stream.IntakeSerde;
import io.earlywarning.intake.stream.NormalizeProcessor;
import io.earlywarning.place.EstateNameRegistry;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.place.PlaceResolver;
import io.earlywarning.privacy.PetitionerPseudonymizer;
import io.earlywarning.threat.stream.LiveThreatDetector;
import io.earlywarning.threat.stream.ThreatSignal;
import io.earlywarning.warning.ActiveRules;
import io.earlywarning.warning.SignalView;
import io.earlywarning.warning.Warning;
import io.earlywarning.warning.WarningResolution;
import io.earlywarning.warning.stream.WarningInput;
import io.earlywarning.warning.stream.WarningMetrics;
import io.earlywarning.warning.stream.WarningProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.surge.KeyState;
import io.earlywarning.surge.RepeatPetitions;
import io.earlywarning.surge.SurgeKey;
import io.earlywarning.surge.SurgeMonitor;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.surge.SurgeSignal;
import io.earlywarning.surge.stream.RepeatProcessor;
import io.earlywarning.surge.stream.SurgeMetrics;
import io.earlywarning.surge.stream.SurgeProcessor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The whole Kafka Streams topology, wired in one place. Stages:
 * <pre>
 *   intake.letters-visits ─┐  read + validate ──► intake.rejected (dead letters: reason + original bytes)
 *   intake.hotline ────────┼─► normalize (places, category, pseudonym) ─► repartition by case id
 *   intake.online ─────────┘      ─► drop duplicates ─┬─► unlisted estate? ─► learn its name (1 partition) ─┐
 *                                                      │                                                    ├─► cases
 *                                                      │   listed or no estate ──────────────────────────────┘
 *                                                      └─► intake.duplicates (counted, not lost)
 *   cases ─┬─► one partition ─► cluster similar cases (类案) ─┬─► cases.clustered
 *          │                                                 ├─► clusters (merges, expiries)
 *          │                                                 └─► signals (CLUSTER_GROWTH)
 *          ├─► detect threats (扬言) ─────────────────────────────────────────────► signals (THREAT)
 *          ├─► one record per surge key ─► repartition by key ─► detect surges ─────► signals (SURGE)
 *          └─► repartition by petitioner pseudonym ─► detect repeat petitions ──────► signals (REPEAT)
 *   signals ─┬─► repartition by subject ─► warning rules (active set) + routing (属地 + 行业, guard) ─► warnings
 *   warnings.actions (resolutions, 办结) ─┘           (a resolution closes its warning: last version "resolved")
 *   rules (published sets) ─► every instance's ActiveRules (RuleSetWatcher) ─► rules.status
 * </pre>
 * Each order-sensitive stage (the estate registry, clustering, surges, repeats, warnings) first puts what its
 * repartition topic brings back into event-time order ({@link EventTimeOrder}), so that its result does not depend
 * on how fast each upstream task ran.
 */
public final class EarlyWarningTopology {

    private EarlyWarningTopology() {
    }

    /** Adds every stage to {@code builder}, with the warning rules of {@code config} and no hot reload. */
    public static void build(StreamsBuilder builder, AppConfig config, IntakeMetrics metrics) {
        build(builder, config, metrics, new ActiveRules(config.warningRuleBundle()));
    }

    /**
     * Adds every stage to {@code builder}; {@code main}, the tests and the benchmarks all call this. The warning and
     * threat stages ask {@code rules} at every record, so a set published on topic {@code rules} applies at once.
     */
    public static void build(StreamsBuilder builder, AppConfig config, IntakeMetrics metrics, ActiveRules rules) {
        SourceRecordReader reader = new SourceRecordReader(config.maxTextBytes());
        PlaceResolver places = new PlaceResolver(Gazetteer.load(config.gazetteer()));
        CaseNormalizer normalizer = new CaseNormalizer(
                places,
                CategoryClassifier.bundled(),
                new PetitionerPseudonymizer(config.pseudonymKey()));
        JsonSerde<IntakeEnvelope> envelopeSerde = new JsonSerde<>(IntakeEnvelope.class);
        JsonSerde<Case> caseSerde = new JsonSerde<>(Case.class);

        KStream<String, IntakeEnvelope> normalized = null;
        for (String topic : Topics.INTAKE) {
            IntakeFormat format = Topics.formatOf(topic).orElseThrow();
            KStream<String, IntakeEnvelope> channel = builder
                    .stream(topic, Consumed.with(Serdes.ByteArray(), new IntakeSerde(reader, format))
                            .withName("read-" + format.id()))
                    .process(() -> new NormalizeProcessor(normalizer), Named.as("normalize-" + format.id()));
            normalized = normalized == null ? channel : normalized.merge(channel, Named.as("merge-" + format.id()));
        }

        builder.addStateStore(Stores.keyValueStoreBuilder(
                keyValueStore(config, DuplicateFilter.STORE), Serdes.String(), Serdes.Long()));

        builder.addStateStore(Stores.keyValueStoreBuilder(
                keyValueStore(config, EstateNameProcessor.STORE),
                Serdes.String(), new JsonSerde<>(EstateNameRegistry.KnownEstate.class)));

        Map<String, KStream<String, IntakeOutcome>> outcomes = normalized
                .repartition(Repartitioned.with(Serdes.String(), envelopeSerde).withName("intake-by-case-id"))
                .process(() -> new DuplicateFilter(config.dedupWindow()), Named.as("drop-duplicates"),
                        DuplicateFilter.STORE)
                .split(Named.as("intake-"))
                .branch((id, outcome) -> outcome.duplicate(), Branched.as("duplicates"))
                .defaultBranch(Branched.as("accepted"));

        outcomes.get("intake-duplicates")
                .mapValues(outcome -> {
                    metrics.duplicate(outcome.envelope().aCase().channel());
                    return DuplicateRecord.of(outcome);
                }, Named.as("count-duplicate"))
                .to(Topics.INTAKE_DUPLICATES, Produced.with(Serdes.String(), new JsonSerde<>(DuplicateRecord.class))
                        .withName("write-duplicates"));

        // Estates no gazetteer lists pass one single-partition registry, which folds typos into the first writing.
        Map<String, KStream<String, IntakeEnvelope>> byEstate = outcomes.get("intake-accepted")
                .mapValues(IntakeOutcome::envelope, Named.as("accepted-envelope"))
                .split(Named.as("estate-"))
                .branch((id, e) -> e.aCase().estateKey() != null && !places.isListed(e.aCase().estateKey()),
                        Branched.as("unlisted"))
                .defaultBranch(Branched.as("listed-or-none"));
        KStream<String, IntakeEnvelope> learned = inEventTimeOrder(builder, config, metrics.registry(), "unlisted-estates",
                byEstate.get("estate-unlisted")
                        .repartition(Repartitioned.with(Serdes.String(), envelopeSerde).withName("unlisted-estates")
                                .withNumberOfPartitions(1)),
                envelopeSerde, e -> e.aCase().eventTimeMs(), (id, e) -> e.aCase().caseId())
                .processValues(EstateNameProcessor::new, Named.as("learn-unlisted-estates"), EstateNameProcessor.STORE);

        byEstate.get("estate-listed-or-none")
                .merge(learned, Named.as("merge-estates"))
                .mapValues(e -> {
                    metrics.accepted(e.aCase().channel());
                    metrics.latency(e.aCase().channel(),
                            Duration.ofMillis(System.currentTimeMillis() - e.intakeTimestampMs()));
                    return e.aCase();
                }, Named.as("count-accepted"))
                .to(Topics.CASES, Produced.with(Serdes.String(), caseSerde).withName("write-cases"));

        // Detection stages, each reading the cases as intake wrote them.
        KStream<String, Case> cases = builder.stream(Topics.CASES,
                Consumed.with(Serdes.String(), caseSerde).withName("read-cases"));

        // Similar cases (类案): every case into one index — one partition, because any case may be about the same
        // matter as any other, in any district; its state is changelogged and a standby can take it over.
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(config, ClusterProcessor.CASE_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(config, ClusterProcessor.MEMBER_STORE),
                Serdes.String(), new JsonSerde<>(ClusterMember.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(config, ClusterProcessor.CLUSTER_STORE),
                Serdes.String(), new JsonSerde<>(ClusterRecord.class)));
        ClusterRules clusterRules = config.clusterRules();
        KStream<String, ClusterOutcome> clustered = inEventTimeOrder(builder, config, metrics.registry(), "cluster-index",
                cases.repartition(Repartitioned.with(Serdes.String(), caseSerde).withName("cluster-index")
                        .withNumberOfPartitions(1)),
                caseSerde, Case::eventTimeMs, (id, c) -> c.caseId())
                .process(() -> new ClusterProcessor(clusterRules, metrics.registry()), Named.as("cluster-cases"),
                        ClusterProcessor.CASE_STORE, ClusterProcessor.MEMBER_STORE, ClusterProcessor.CLUSTER_STORE);
        clustered.mapValues(ClusterOutcome::clustered, Named.as("case-with-cluster"))
                .to(Topics.CASES_CLUSTERED, Produced.with(Serdes.String(), new JsonSerde<>(ClusteredCase.class))
                        .withName("write-clustered-cases"));
        clustered.flatMap((id, o) -> o.events().stream().map(e -> KeyValue.pair(e.clusterId(), e)).toList(),
                        Named.as("cluster-events"))
                .to(Topics.CLUSTERS, Produced.with(Serdes.String(), new JsonSerde<>(ClusterEvent.class))
                        .withName("write-cluster-events"));
        clustered.flatMap((id, o) -> o.assignment().signals().stream()
                        .map(g -> KeyValue.pair(g.signalId(), g)).toList(), Named.as("cluster-growth"))
                .to(Topics.SIGNALS, Produced.with(Serdes.String(), new JsonSerde<>(ClusterGrowthSignal.class))
                        .withName("write-cluster-signals"));

        // Threats (扬言): every case, its text and then its subject, through the threat detector.
        LiveThreatDetector threats = new LiveThreatDetector(() -> rules.get().threats());
        cases.flatMapValues(c -> threats.signal(c).stream().toList(), Named.as("detect-threats"))
                .to(Topics.SIGNALS, Produced.with(Serdes.String(), new JsonSerde<>(ThreatSignal.class))
                        .withName("write-threat-signals"));

        // Surges (数量增幅): each case once per key it counts towards (estate, district, district × category),
        // repartitioned so that one key's state lives in one task.
        SurgeRules surgeRules = config.surgeRules();
        SurgeMetrics surgeMetrics = new SurgeMetrics(metrics.registry());
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(config, SurgeProcessor.KEY_STORE),
                Serdes.String(), new JsonSerde<>(SurgeProcessor.KeyHeader.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(config, SurgeProcessor.OBSERVATION_STORE),
                Serdes.String(), new JsonSerde<>(KeyState.Observation.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(config, SurgeProcessor.SHARED_STORE),
                Serdes.String(), new JsonSerde<>(SurgeMonitor.Shared.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(config, SurgeProcessor.COUNTED_STORE),
                Serdes.String(), Serdes.Long()));
        // The surge and repeat stages count; they read neither subject nor text, so the words stay behind.
        inEventTimeOrder(builder, config, metrics.registry(), "surge-keys",
                cases.flatMap((id, c) -> {
                            Case counted = c.withoutWords();
                            return SurgeKey.of(c).stream().map(k -> KeyValue.pair(k.id(), counted)).toList();
                        }, Named.as("surge-keys-of-case"))
                        .repartition(Repartitioned.with(Serdes.String(), caseSerde).withName("surge-keys")),
                caseSerde, Case::eventTimeMs, (key, c) -> key + "|" + c.caseId())
                .process(() -> new SurgeProcessor(surgeRules, surgeMetrics), Named.as("detect-surges"),
                        SurgeProcessor.KEY_STORE, SurgeProcessor.OBSERVATION_STORE, SurgeProcessor.SHARED_STORE,
                        SurgeProcessor.COUNTED_STORE)
                .to(Topics.SIGNALS, Produced.with(Serdes.String(), new JsonSerde<>(SurgeSignal.class))
                        .withName("write-surge-signals"));

        // Repeat petitions (重复信访): by petitioner pseudonym, so one petitioner's matters meet in one task.
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(config, RepeatProcessor.STORE),
                Serdes.String(), new JsonSerde<>(RepeatProcessor.EarlierCases.class)));
        inEventTimeOrder(builder, config, metrics.registry(), "repeat-petitioners",
                cases.filter((id, c) -> c.petitionerKey() != null, Named.as("has-petitioner"))
                        .selectKey((id, c) -> c.petitionerKey(), Named.as("by-petitioner"))
                        .mapValues(Case::withoutWords, Named.as("repeat-without-words"))
                        .repartition(Repartitioned.with(Serdes.String(), caseSerde).withName("repeat-petitioners")),
                caseSerde, Case::eventTimeMs, (petitioner, c) -> c.caseId())
                .processValues(() -> new RepeatProcessor(surgeRules), Named.as("detect-repeats"), RepeatProcessor.STORE)
                .flatMap((petitioner, repeat) -> repeat.stream()
                        .peek(r -> surgeMetrics.repeat())
                        .map(r -> KeyValue.pair(r.caseId(), r)).toList(), Named.as("repeat-signals-by-case"))
                .to(Topics.SIGNALS, Produced.with(Serdes.String(), new JsonSerde<>(RepeatPetitions.RepeatSignal.class))
                        .withName("write-repeat-signals"));

        // Warnings (预警): every signal through the active rules, by subject, so that one warning's versions are
        // decided in one task; routed to the responsible units (属地 + 行业) with the whistleblower guard.
        WarningMetrics warningMetrics = new WarningMetrics(metrics.registry(), rules);
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(config, WarningProcessor.STORE),
                Serdes.String(), new JsonSerde<>(Warning.class)));
        KStream<String, WarningInput> signals = builder.stream(Topics.SIGNALS,
                        Consumed.with(Serdes.String(), new JsonSerde<>(JsonNode.class)).withName("read-signals"))
                .mapValues(j -> WarningInput.of(SignalView.from(j)), Named.as("signal-view"));
        // Officers' resolutions (办结) come back from the gateway's audit topic and close their warning.
        KStream<String, WarningInput> resolutions = builder.stream(Topics.WARNING_ACTIONS,
                        Consumed.with(Serdes.String(), new JsonSerde<>(JsonNode.class)).withName("read-warning-actions"))
                .flatMapValues(a -> WarningResolution.fromAction(a).map(WarningInput::of).stream().toList(),
                        Named.as("resolutions-only"));
        JsonSerde<WarningInput> inputSerde = new JsonSerde<>(WarningInput.class);
        inEventTimeOrder(builder, config, metrics.registry(), "warning-inputs",
                signals.merge(resolutions, Named.as("signals-and-resolutions"))
                        .selectKey((key, in) -> in.subject(), Named.as("by-subject"))
                        .repartition(Repartitioned.with(Serdes.String(), inputSerde).withName("warning-inputs")),
                inputSerde, WarningInput::eventTimeMs, (subject, in) -> in.orderKey())
                .process(() -> new WarningProcessor(rules, warningMetrics), Named.as("apply-warning-rules"),
                        WarningProcessor.STORE)
                .to(Topics.WARNINGS, Produced.with(Serdes.String(), new JsonSerde<>(Warning.class))
                        .withName("write-warnings"));
    }

    /**
     * {@code stream} put back into event-time order for an order-sensitive stage ({@link EventTimeOrder}, with a store
     * of its own), or as it comes when {@code EW_ORDER_MAX_WAIT_MS} is 0.
     */
    private static <V> KStream<String, V> inEventTimeOrder(StreamsBuilder builder, AppConfig config,
                                                           MeterRegistry registry, String stage, KStream<String, V> stream,
                                                           Serde<V> serde, Function<V, Long> eventTimeMs,
                                                           BiFunction<String, V, String> tieBreak) {
        if (!config.eventTimeOrder().enabled()) {
            return stream;
        }
        String store = EventTimeOrder.storeName(stage);
        // Cached: a record held and released within one commit, and the clock entries rewritten at every record,
        // reach the changelog once per commit instead of at every write.
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(config, store),
                Serdes.String(), new JsonSerde<>(EventTimeOrder.Held.class)).withCachingEnabled());
        return stream.process(() -> new EventTimeOrder<>(store, config.eventTimeOrder(), serde, eventTimeMs, tieBreak,
                registry), Named.as("order-" + stage), store);
    }

    /** A stage's key-value store, on disk (RocksDB) or in memory as {@code EW_STATE_STORES} says; logged either way. */
    private static KeyValueBytesStoreSupplier keyValueStore(AppConfig config, String name) {
        return config.inMemoryStores() ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }

    /**
     * The shared topics (of {@link Topics#ALL}) the topology reads, as its own description names them: intake, cases,
     * signals, warnings.actions. Internal repartition topics are not among them.
     */
    public static SortedSet<String> sharedSourceTopics(AppConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, config, new IntakeMetrics(new SimpleMeterRegistry()));
        SortedSet<String> sources = new TreeSet<>();
        for (TopologyDescription.Subtopology st : builder.build().describe().subtopologies()) {
            for (TopologyDescription.Node n : st.nodes()) {
                if (n instanceof TopologyDescription.Source src && src.topicSet() != null) {
                    src.topicSet().stream().filter(Topics.ALL::contains).forEach(sources::add);
                }
            }
        }
        return sources;
    }

    /** The Kafka Streams configuration for {@code config}; the metrics object reaches the error handlers. */
    public static Properties streamsProperties(AppConfig config, String bootstrapServers, IntakeMetrics metrics) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.numStreamThreads());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topicReplication());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, IntakeRejectionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, IntakeProcessingErrorHandler.class);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.INTAKE_REJECTED);
        p.put(IntakeMetrics.CONFIG_KEY, metrics);
        if (!config.groupInstanceId().isEmpty()) {
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), config.groupInstanceId());
        }
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), config.sessionTimeoutMs());
        // Dead letters carry the original bytes, which may be larger than Kafka's 1 MB default.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.LARGE_MESSAGE_BYTES);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), Topics.LARGE_MESSAGE_BYTES);
        return p;
    }
}

package io.earlywarning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.category.CategoryClassifier;
import io.earlywarning.category.CrossValidation;
import io.earlywarning.generator.GeneratedRecord;
import io.earlywarning.generator.GeneratedStream;
import io.earlywarning.intake.stream.IntakeMetrics;
import io.earlywarning.replay.ReplayRecord;
import io.earlywarning.replay.Replayer;
import io.earlywarning.threat.ThreatDetector;
import io.earlywarning.topology.EarlyWarningTopology;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * End-to-end throughput and latency of the intake topology, side by side with a pass-through topology (bytes in,
 * bytes out, same exactly-once settings) in the same run on the same broker, so that the ratio says what intake
 * itself costs on this (shared, noisy) machine.
 */
public final class Benchmark {

    static final String PASS_THROUGH_TOPIC = "bench.passthrough";

    /** One row of the results table. */
    public record Row(String topology, double recordsPerSecond, List<Double> drains, double p50Ms, double p99Ms, int records) {
    }

    private final String bootstrap;
    private final AppConfig config;
    private final Path stateRoot;

    public Benchmark(String bootstrap, AppConfig config, Path stateRoot) {
        this.bootstrap = bootstrap;
        this.config = config;
        this.stateRoot = stateRoot;
    }

    /**
     * Preloads {@code backlog}, drains it with each topology in turn, {@code repeats} times alternately (throughput:
     * the median of the drains), then feeds both at {@code rate} at the same time (latency).
     */
    public List<Row> run(List<ReplayRecord> backlog, List<ReplayRecord> live, double rate, int repeats) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get().contains(PASS_THROUGH_TOPIC)) {
                admin.createTopics(List.of(new NewTopic(PASS_THROUGH_TOPIC, config.topicPartitions(), config.topicReplication()))).all().get();
            }
        }
        new Replayer(bootstrap).replay(backlog, Replayer.Pace.asFastAsPossible(), null);

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Double> passThroughRates = new ArrayList<>();
        List<Double> intakeRates = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            passThroughRates.add(drain("bench-pass-" + run + "-" + i, this::passThrough, Set.of(PASS_THROUGH_TOPIC), backlog.size()));
            intakeRates.add(drain("bench-intake-" + run + "-" + i, this::fullTopology,
                    Set.of(Topics.CASES, Topics.INTAKE_REJECTED, Topics.INTAKE_DUPLICATES), backlog.size()));
        }
        double passThroughRate = median(passThroughRates);
        double intakeRate = median(intakeRates);

        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> passThroughSeen = new ConcurrentHashMap<>();
        Map<String, Long> intakeSeen = new ConcurrentHashMap<>();
        try (KafkaStreams pass = start("bench-pass-live-" + run, passThrough(), true);
             KafkaStreams intake = start("bench-intake-live-" + run, fullTopology(), true);
             KafkaConsumer<byte[], byte[]> passOut = latestConsumer(PASS_THROUGH_TOPIC);
             KafkaConsumer<byte[], byte[]> casesOut = latestConsumer(Topics.CASES);
             KafkaProducer<byte[], byte[]> producer = Replayer.producer(bootstrap)) {
            long start = System.nanoTime();
            for (int i = 0; i < live.size(); i++) {
                ReplayRecord r = live.get(i);
                while (System.nanoTime() - start < (long) (i / rate * 1e9)) {
                    poll(passOut, passThroughSeen, k -> k);
                    poll(casesOut, intakeSeen, k -> k.substring(k.indexOf(':') + 1));
                }
                sent.put(new String(r.key(), StandardCharsets.UTF_8), System.nanoTime());
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
                producer.flush();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((passThroughSeen.size() < live.size() || intakeSeen.size() < live.size()) && System.nanoTime() < deadline) {
                poll(passOut, passThroughSeen, k -> k);
                poll(casesOut, intakeSeen, k -> k.substring(k.indexOf(':') + 1));
            }
        }
        return List.of(
                row("pass-through (bytes in, bytes out)", passThroughRate, passThroughRates, sent, passThroughSeen),
                row("full topology (intake, threat, surge, repeat and warning stages)", intakeRate, intakeRates, sent, intakeSeen));
    }

    private Row row(String name, double rate, List<Double> drains, Map<String, Long> sent, Map<String, Long> seen) {
        List<Double> latencies = new ArrayList<>();
        seen.forEach((key, at) -> {
            Long s = sent.get(key);
            if (s != null) {
                latencies.add((at - s) / 1e6);
            }
        });
        Collections.sort(latencies);
        return new Row(name, rate, List.copyOf(drains), percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.size());
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static void poll(KafkaConsumer<byte[], byte[]> consumer, Map<String, Long> seen,
                             UnaryOperator<String> id) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(1))) {
            if (r.key() != null) {
                seen.putIfAbsent(id.apply(new String(r.key(), StandardCharsets.UTF_8)), System.nanoTime());
            }
        }
    }

    private double drain(String appId, Supplier<StreamsBuilder> topology, Set<String> outputs, int expected) throws Exception {
        try (KafkaConsumer<byte[], byte[]> out = latestConsumer(outputs.toArray(String[]::new))) {
            long start = System.nanoTime();
            try (KafkaStreams streams = start(appId, topology.get(), false)) {
                int seen = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (seen < expected && System.nanoTime() < deadline) {
                    seen += out.poll(Duration.ofMillis(100)).count();
                }
                return expected / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    private StreamsBuilder passThrough() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(Topics.INTAKE, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(PASS_THROUGH_TOPIC, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return b;
    }

    /** The application's whole topology, as {@code run} starts it. */
    StreamsBuilder fullTopology() {
        StreamsBuilder b = new StreamsBuilder();
        EarlyWarningTopology.build(b, config, IntakeMetrics.discarding());
        return b;
    }

    KafkaStreams start(String appId, StreamsBuilder builder, boolean latest) throws Exception {
        AppConfig c = config.withApplicationId(appId, Files.createDirectories(stateRoot.resolve(appId)));
        Properties p = EarlyWarningTopology.streamsProperties(c, bootstrap, IntakeMetrics.discarding());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, latest ? "latest" : "earliest");
        KafkaStreams streams = new KafkaStreams(builder.build(), p);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        running.await();
        return streams;
    }

    KafkaConsumer<byte[], byte[]> latestConsumer(String... topics) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topics));
        // Join the group and fix the starting positions before anything is produced.
        while (c.assignment().isEmpty()) {
            c.poll(Duration.ofMillis(100));
        }
        c.seekToEnd(c.assignment());
        c.assignment().forEach(c::position);
        return c;
    }

    /** Threat verdicts against the generator's labels: per label kind, how many texts were flagged and how many not. */
    public static Map<String, int[]> threatsAgainstTruth(GeneratedStream stream, ThreatDetector detector) {
        Map<String, JsonNode> truth = new HashMap<>();
        stream.truth().path("cases").forEach(c -> truth.put(c.path("caseId").asText(), c));
        Map<String, int[]> byKind = new TreeMap<>();
        for (GeneratedRecord r : stream.records()) {
            JsonNode json;
            try {
                json = JsonSerde.MAPPER.readTree(r.json());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String text = json.path("request").asText("") + json.path("summary").asText("") + json.path("body").asText("");
            JsonNode t = truth.get(r.caseId());
            String kind = t.path("label").asText("unlabelled") + (t.has("labelKind") ? "/" + t.path("labelKind").asText() : "");
            byKind.computeIfAbsent(kind, k -> new int[2])[detector.assess(text).threat() ? 1 : 0]++;
        }
        return byKind;
    }

    /** 5-fold cross-validated accuracy of the category classifier on the labelled A-city messages, for each fold seed. */
    public static List<CrossValidation.Result> categoryAccuracy(long... seeds) {
        List<CrossValidation.Result> results = new ArrayList<>();
        for (long seed : seeds) {
            results.add(CrossValidation.run(CategoryClassifier.bundledExamples(), CategoryClassifier.bundledLexicon(), 5, seed));
        }
        return results;
    }

}

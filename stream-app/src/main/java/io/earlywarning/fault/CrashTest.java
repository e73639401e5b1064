package io.earlywarning.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.app.Setting;
import io.earlywarning.kafka.TopicProvisioner;
import io.earlywarning.replay.ReplayRecord;
import io.earlywarning.topology.EarlyWarningTopology;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The crash test: one intake feed through the whole pipeline, once without interruption and then once per fault
 * scenario — the stream-app process killed with SIGKILL at random moments and restarted, or the broker killed and
 * restarted mid-run. Every process under test runs in a JVM of its own ({@link ChildJvm}); this one only feeds,
 * kills, restarts and checks. A run passes when every intake record is accounted for exactly once, no warning
 * version is published twice or skipped, and no phone or ID number the sources sent is on any topic but intake and
 * its dead letters (the repartition topics and changelogs included). How its final warnings differ from the
 * uninterrupted run's is reported beside that (see {@link Run#passed()}).
 */
public final class CrashTest {

    static final String APPLICATION_ID = "crash-test";

    /** What to break during a run, and how many times. */
    public enum Fault {
        NONE("uninterrupted"), KILL_STREAM_APP("kill -9 stream-app"), KILL_BROKER("kill -9 broker"),
        /** Two instances share the work; one is killed and not restarted: the other takes over with its standbys. */
        KILL_ONE_OF_TWO("two instances, kill -9 one");

        final String label;

        Fault(String label) {
            this.label = label;
        }
    }

    public record Scenario(Fault fault, int times) {
        public String label() {
            return fault == Fault.NONE ? fault.label : fault.label + " ×" + times;
        }

        String directory() {
            return fault.name().toLowerCase() + (fault == Fault.NONE ? "" : "-" + times);
        }
    }

    public record Options(int cases, long seed, int partitions, Path workDir, String appHeap, Duration timeout) {
    }

    /**
     * What the two-instance run saw at the moment of the kill: records each instance had processed, and the state
     * (task directories) each held — the survivor must already hold every state the killed one had, as a standby.
     */
    public record ScaleOut(Map<String, Long> processedBeforeKill, Set<String> killedInstanceTasks, Set<String> survivorTasks) {
        public boolean bothProcessed() {
            return processedBeforeKill.size() == 2 && processedBeforeKill.values().stream().allMatch(n -> n > 0);
        }

        public boolean survivorHeldEveryState() {
            return !killedInstanceTasks.isEmpty() && survivorTasks.containsAll(killedInstanceTasks);
        }
    }

    /** One run's outcome; {@code scaleOut} only for the two-instance run. */
    public record Run(String label, Duration duration, int faults, int unplannedRestarts, IntakeLedger.Accounting intake,
                      int warnings, int warningVersions, List<String> warningDefects, List<String> differences,
                      int topicsScanned, long recordsScanned, Map<String, Set<String>> leaks, ScaleOut scaleOut) {

        /**
         * What exactly-once promises: every intake record out once, no warning version twice or skipped, and no
         * number leaked. Equality of the final warnings with the reference is reported beside it ({@link
         * #differences()}), not part of it: the stages are sensitive to the order in which records meet, and two
         * clean runs of one feed already differ a little (the control run shows by how much).
         */
        public boolean passed() {
            return intake.exact() && warningDefects.isEmpty() && leaks.isEmpty()
                    && (scaleOut == null || scaleOut.bothProcessed() && scaleOut.survivorHeldEveryState());
        }
    }

    private final Options options;
    private final PrintStream log;
    private final Random random;

    public CrashTest(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
        this.random = new Random(options.seed());
    }

    /** Runs the uninterrupted reference first, then each scenario on the same feed; returns all runs. */
    public List<Run> execute(List<Scenario> scenarios) throws Exception {
        log.printf("crash test: generating %d cases (seed %d) …%n", options.cases(), options.seed());
        CrashFeed feed = CrashFeed.generate(options.seed(), options.cases());
        log.printf("crash test: %d intake records (%d distinct phone and ID numbers in them, for the privacy scan)%n",
                feed.records().size(), feed.privacy().numbersSent());
        List<Run> runs = new ArrayList<>();
        Outcome reference = run(new Scenario(Fault.NONE, 0), "reference", feed, null);
        runs.add(reference.run());
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            runs.add(run(s, (i + 1) + "-" + s.directory(), feed, reference).run());
        }
        return runs;
    }

    private record Outcome(Run run, WarningLedger warnings) {
    }

    private Outcome run(Scenario scenario, String directory, CrashFeed feed, Outcome reference) throws Exception {
        Path dir = Files.createDirectories(options.workDir().resolve(directory));
        String label = reference == null ? "uninterrupted (reference)"
                : scenario.fault() == Fault.NONE ? "uninterrupted again (control)" : scenario.label();
        Path logFile = dir.resolve("processes.log");
        int port = freePort();
        String bootstrap = "127.0.0.1:" + port;
        AppConfig config = AppConfig.from(Map.of("EW_APPLICATION_ID", APPLICATION_ID,
                "EW_TOPIC_PARTITIONS", String.valueOf(options.partitions()), "EW_METRICS_PORT", "0"));
        boolean twoInstances = scenario.fault() == Fault.KILL_ONE_OF_TWO;
        List<Map<String, String>> appEnvs = new ArrayList<>();
        List<Integer> metricsPorts = new ArrayList<>();
        for (int i = 0; i < (twoInstances ? 2 : 1); i++) {
            metricsPorts.add(freePort());
            appEnvs.add(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                    "EW_STATE_DIR", dir.resolve("state-" + i).toString(), "EW_METRICS_PORT", String.valueOf(metricsPorts.get(i)),
                    "EW_APPLICATION_ID", APPLICATION_ID, "EW_TOPIC_PARTITIONS", String.valueOf(options.partitions()),
                    "EW_STANDBY_REPLICAS", "1",
                    // A restarted process is the same instance, as a StatefulSet pod is: it takes its tasks back at once.
                    "EW_GROUP_INSTANCE_ID", APPLICATION_ID + "-" + i,
                    // An instance killed for good hands its tasks over after 10 s instead of 45: the same takeover,
                    // sooner. Restarts stay well within it (a process starts in a few seconds).
                    "EW_SESSION_TIMEOUT_MS", twoInstances ? "10000" : Setting.EW_SESSION_TIMEOUT_MS.defaultValue()));
        }
        List<String> brokerArgs = List.of("broker", "--dir", dir.resolve("kafka").toString(), "--port", String.valueOf(port));

        log.printf("%n[%s] broker on %s, logs in %s%n", label, bootstrap, logFile);
        ChildJvm broker = ChildJvm.start("768m", brokerArgs, Map.of(), logFile);
        awaitBroker(bootstrap, broker);
        TopicProvisioner.ensureTopics(bootstrap, config);
        produce(bootstrap, feed.records());
        List<String> sources = List.copyOf(EarlyWarningTopology.sharedSourceTopics(config));

        List<Long> faultAt = new ArrayList<>();
        if (scenario.fault() != Fault.NONE) {
            long span = reference.run().duration().toMillis();
            for (int i = 0; i < scenario.times(); i++) {
                faultAt.add((long) (span * (0.1 + 0.8 * random.nextDouble())));
            }
            faultAt.sort(Long::compare);
        }
        List<ChildJvm> apps = new ArrayList<>();
        for (Map<String, String> env : appEnvs) {
            apps.add(ChildJvm.start(options.appHeap(), List.of("run"), env, logFile));
        }
        Set<Integer> killedForGood = new HashSet<>();
        ScaleOut scaleOut = null;
        long start = System.nanoTime();
        int faults = 0;
        int unplanned = 0;
        long brokerBackAt = -1;
        int caughtUpChecks = 0;
        try (GroupProgress progress = new GroupProgress(bootstrap, APPLICATION_ID)) {
            while (true) {
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                if (elapsed > options.timeout().toMillis()) {
                    throw new IllegalStateException("[" + label + "] not caught up after " + options.timeout());
                }
                // Two instances: the kill waits until both have processed records (the work is really shared).
                boolean due = faults < faultAt.size() && elapsed >= faultAt.get(faults)
                        && (!twoInstances || processed(metricsPorts).values().stream().allMatch(n -> n > 0));
                if (due) {
                    faults++;
                    if (scenario.fault() == Fault.KILL_STREAM_APP) {
                        log.printf("[%s] %5.1f s: kill -9 stream-app (pid %d)%n", label, elapsed / 1000.0, apps.get(0).pid());
                        apps.get(0).kill();
                        apps.set(0, ChildJvm.start(options.appHeap(), List.of("run"), appEnvs.get(0), logFile));
                    } else if (twoInstances) {
                        Map<String, Long> processed = processed(metricsPorts);
                        Set<String> victimTasks = taskDirectories(Path.of(appEnvs.get(0).get("EW_STATE_DIR")));
                        Set<String> survivorTasks = taskDirectories(Path.of(appEnvs.get(1).get("EW_STATE_DIR")));
                        scaleOut = new ScaleOut(processed, victimTasks, survivorTasks);
                        log.printf("[%s] %5.1f s: records processed by instance %s; state held: killed %s, survivor %s; "
                                        + "kill -9 instance 0 (pid %d), not restarted%n", label, elapsed / 1000.0,
                                processed, victimTasks, survivorTasks, apps.get(0).pid());
                        apps.get(0).kill();
                        killedForGood.add(0);
                    } else {
                        log.printf("[%s] %5.1f s: kill -9 broker (pid %d)%n", label, elapsed / 1000.0, broker.pid());
                        broker.kill();
                        brokerBackAt = elapsed + 3_000;
                    }
                    caughtUpChecks = 0;
                }
                if (brokerBackAt >= 0 && elapsed >= brokerBackAt) {
                    log.printf("[%s] %5.1f s: broker restarted on its data directory%n", label, elapsed / 1000.0);
                    broker = ChildJvm.start("768m", brokerArgs, Map.of(), logFile);
                    brokerBackAt = -1;
                }
                for (int i = 0; i < apps.size(); i++) {
                    if (!killedForGood.contains(i) && !apps.get(i).alive()) {
                        unplanned++;
                        log.printf("[%s] %5.1f s: stream-app %d exited by itself; restarted, as a supervisor would%n",
                                label, elapsed / 1000.0, i);
                        apps.set(i, ChildJvm.start(options.appHeap(), List.of("run"), appEnvs.get(i), logFile));
                    }
                }
                boolean faultsDone = faults == faultAt.size() && brokerBackAt < 0;
                long backlog = backlog(progress, sources);
                // Caught up: nothing left to read, and nothing held for event-time order (its last records leave
                // by wall clock, EW_ORDER_MAX_WAIT_MS after the feed ends).
                boolean caughtUp = faultsDone && backlog == 0 && nothingHeld(metricsPorts, killedForGood);
                caughtUpChecks = caughtUp ? caughtUpChecks + 1 : 0;
                if (caughtUpChecks >= 3) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(1000);
            }
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        log.printf("[%s] caught up after %.1f s%n", label, duration.toMillis() / 1000.0);
        for (int i = 0; i < apps.size(); i++) {
            if (!killedForGood.contains(i)) {
                apps.get(i).stop();
            }
        }
        try {
            return check(label, feed, reference, bootstrap, duration, faults, unplanned, scaleOut);
        } finally {
            broker.stop();
        }
    }

    private Outcome check(String label, CrashFeed feed, Outcome reference, String bootstrap, Duration duration,
                          int faults, int unplanned, ScaleOut scaleOut) throws Exception {
        List<String> caseIds = new ArrayList<>();
        List<String> duplicateIds = new ArrayList<>();
        List<byte[]> rejected = new ArrayList<>();
        WarningLedger warnings = new WarningLedger();
        Map<String, Set<String>> leaks = new TreeMap<>();
        long scanned = 0;
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
        int topicsScanned = 0;
        try (TopicReader reader = new TopicReader(bootstrap)) {
            for (String topic : topics) {
                List<ConsumerRecord<byte[], byte[]>> records = reader.readAll(topic);
                switch (topic) {
                    case Topics.CASES -> records.forEach(r -> caseIds.add(json(r).path("caseId").asText()));
                    case Topics.INTAKE_DUPLICATES -> records.forEach(r -> duplicateIds.add(json(r).path("caseId").asText()));
                    case Topics.INTAKE_REJECTED -> records.forEach(r -> rejected.add(r.value()));
                    case Topics.WARNINGS -> records.forEach(r -> warnings.add(json(r)));
                    default -> {
                    }
                }
                if (!Topics.holdsRawPersonalData(topic)) {
                    topicsScanned++;
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        scanned++;
                        Set<String> found = feed.privacy().leaksIn(r.key(), r.value(), r.headers());
                        if (!found.isEmpty()) {
                            leaks.computeIfAbsent(topic, t -> new java.util.TreeSet<>()).addAll(found);
                        }
                    }
                }
            }
        }
        IntakeLedger.Accounting intake = feed.ledger().account(caseIds, duplicateIds, rejected);
        List<String> differences = reference == null ? List.of() : warnings.differencesFrom(reference.warnings());
        Run run = new Run(label, duration, faults, unplanned, intake, warnings.warnings(), warnings.versions(),
                warnings.defects(), differences, topicsScanned, scanned, leaks, scaleOut);
        log.printf("[%s] intake: %s%n", label, intake.summary());
        log.printf("[%s] warnings: %d (%d versions), defects %d, differences from uninterrupted %d%s%n", label,
                run.warnings(), run.warningVersions(), run.warningDefects().size(), differences.size(),
                differences.isEmpty() ? "" : ": " + differences.subList(0, Math.min(5, differences.size())));
        log.printf("[%s] privacy: %d records on %d derived and internal topics scanned, %s%n", label,
                scanned, topicsScanned, leaks.isEmpty() ? "no number the sources sent" : "LEAKS " + leaks);
        return new Outcome(run, warnings);
    }

    /** The runs as a Markdown table. */
    public static String table(List<Run> runs) {
        StringBuilder b = new StringBuilder("""
                | run | faults | restarts by itself | time to catch up (s) | intake in | cases | duplicates | dead letters | exactly once | warnings (versions) | versions twice or skipped | final warnings differing from the reference | records scanned for numbers | leaks | result |
                |---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---|
                """);
        for (Run r : runs) {
            b.append(String.format("| %s | %d | %d | %.1f | %d | %d | %d | %d | %s | %d (%d) | %d | %d | %d on %d topics | %d | %s |%n",
                    r.label(), r.faults(), r.unplannedRestarts(), r.duration().toMillis() / 1000.0, r.intake().sent(),
                    r.intake().cases(), r.intake().duplicates(), r.intake().rejected(), r.intake().exact() ? "yes" : "NO",
                    r.warnings(), r.warningVersions(), r.warningDefects().size(), r.differences().size(),
                    r.recordsScanned(), r.topicsScanned(), r.leaks().values().stream().mapToInt(Set::size).sum(),
                    r.passed() ? "pass" : "FAIL"));
        }
        return b.toString();
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JsonSerde.MAPPER.readTree(r.value());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON on " + r.topic() + ": " + new String(r.value(), StandardCharsets.UTF_8), e);
        }
    }

    private static long backlog(GroupProgress progress, List<String> sources) {
        try {
            return progress.backlog(sources);
        } catch (Exception e) {
            // The broker is down or the group is rebalancing: not caught up.
            return Long.MAX_VALUE;
        }
    }

    /**
     * Sends the feed as a live office would: one record at a time, each acknowledged before the next, so that arrival
     * order (the broker's append time, which orders intake across the three channels) is the feed's event order. A
     * batched replay gives a whole batch one append time and the stages then see days of one channel before the
     * next; two clean runs of such a backlog do not raise the same surges (see docs/testing.md).
     */
    private void produce(String bootstrap, List<ReplayRecord> records) throws Exception {
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ReplayRecord r : records) {
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value())).get(2, TimeUnit.MINUTES);
            }
        }
        log.printf("crash test: %d intake records sent one by one in %.1f s%n", records.size(),
                (System.nanoTime() - start) / 1e9);
    }

    private void awaitBroker(String bootstrap, ChildJvm broker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (!broker.alive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the broker did not start: see " + options.workDir(), notYet);
                    }
                    TimeUnit.MILLISECONDS.sleep(500);
                }
            }
        }
    }

    /** Records each instance's stream threads have processed so far, from its /metrics; -1 if it does not answer. */
    private static Map<String, Long> processed(List<Integer> metricsPorts) {
        return metricSums(metricsPorts, "kafka_stream_thread_process_total");
    }

    /** Each instance's sum of the Prometheus samples of {@code metric} (0 when it has none; -1 when it does not answer). */
    private static Map<String, Long> metricSums(List<Integer> metricsPorts, String metric) {
        Map<String, Long> sums = new TreeMap<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < metricsPorts.size(); i++) {
            long n;
            try {
                n = Math.round(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPorts.get(i) + "/metrics"))
                                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body().lines()
                        .filter(l -> l.startsWith(metric + " ") || l.startsWith(metric + "{"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum());
            } catch (Exception notYet) {
                n = -1;
            }
            sums.put(String.valueOf(i), n);
        }
        return sums;
    }

    private static boolean nothingHeld(List<Integer> metricsPorts, Set<Integer> killedForGood) {
        Map<String, Long> held = metricSums(metricsPorts, "ew_event_time_order_held");
        return held.entrySet().stream().allMatch(e -> killedForGood.contains(Integer.parseInt(e.getKey())) || e.getValue() == 0);
    }

    /**
     * The stateful tasks whose state an instance holds, active or standby: Kafka Streams' task directories with
     * RocksDB stores in them (stateless tasks get an empty directory and have no standby).
     */
    private static Set<String> taskDirectories(Path stateDir) throws IOException {
        Path app = stateDir.resolve(APPLICATION_ID);
        if (!Files.isDirectory(app)) {
            return Set.of();
        }
        try (var dirs = Files.list(app)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(n -> n.matches("\\d+_\\d+") && Files.isDirectory(app.resolve(n).resolve("rocksdb"))).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.earlywarning.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The typed configuration of the stream application. Built from environment variables (see {@link Setting});
 * tests and commands derive variants with the {@code with…} methods.
 */
public record AppConfig(
        String bootstrapServers,
        int embeddedKafkaPort,
        String embeddedKafkaDir,
        String applicationId,
        Path stateDir,
        int numStreamThreads,
        int standbyReplicas,
        String processingGuarantee,
        long commitIntervalMs,
        int topicPartitions,
        short topicReplication,
        Duration intakeRetention,
        int metricsPort,
        String pseudonymKey,
        String gazetteer,
        int maxTextBytes,
        Duration dedupWindow,
        String surgeRulesFile,
        String clusterRulesFile,
        String warningRules,
        String groupInstanceId,
        int sessionTimeoutMs,
        String stateStores,
        io.earlywarning.topology.EventTimeOrder.Settings eventTimeOrder) {

    public static AppConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static AppConfig from(Map<String, String> env) {
        Map<Setting, String> v = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String value = env.get(s.name());
            v.put(s, value == null ? s.defaultValue() : value.strip());
        }
        String stateDir = v.get(Setting.EW_STATE_DIR);
        return new AppConfig(
                v.get(Setting.KAFKA_BOOTSTRAP_SERVERS),
                integer(v, Setting.EW_EMBEDDED_KAFKA_PORT),
                v.get(Setting.EW_EMBEDDED_KAFKA_DIR),
                v.get(Setting.EW_APPLICATION_ID),
                stateDir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "early-warning-state") : Path.of(stateDir),
                integer(v, Setting.EW_NUM_STREAM_THREADS),
                integer(v, Setting.EW_STANDBY_REPLICAS),
                oneOf(v, Setting.EW_PROCESSING_GUARANTEE, "exactly_once_v2", "at_least_once"),
                integer(v, Setting.EW_COMMIT_INTERVAL_MS),
                integer(v, Setting.EW_TOPIC_PARTITIONS),
                (short) integer(v, Setting.EW_TOPIC_REPLICATION),
                Duration.ofDays(integer(v, Setting.EW_INTAKE_RETENTION_DAYS)),
                integer(v, Setting.EW_METRICS_PORT),
                v.get(Setting.EW_PSEUDONYM_KEY),
                v.get(Setting.EW_GAZETTEER),
                integer(v, Setting.EW_MAX_TEXT_BYTES),
                Duration.ofDays(integer(v, Setting.EW_DEDUP_WINDOW_DAYS)),
                v.get(Setting.EW_SURGE_RULES),
                v.get(Setting.EW_CLUSTER_RULES),
                v.get(Setting.EW_WARNING_RULES),
                v.get(Setting.EW_GROUP_INSTANCE_ID),
                integer(v, Setting.EW_SESSION_TIMEOUT_MS),
                oneOf(v, Setting.EW_STATE_STORES, "rocksdb", "in_memory"),
                new io.earlywarning.topology.EventTimeOrder.Settings(
                        Duration.ofMinutes(integer(v, Setting.EW_ORDER_GRACE_MINUTES)),
                        Duration.ofMillis(integer(v, Setting.EW_ORDER_MAX_WAIT_MS))));
    }

    /** The surge rules: the bundled file, or {@code EW_SURGE_RULES} when set (validated; a bad file stops the start). */
    public io.earlywarning.surge.SurgeRules surgeRules() {
        return surgeRulesFile.isEmpty() ? io.earlywarning.surge.SurgeRules.bundled()
                : io.earlywarning.surge.SurgeRules.load(Path.of(surgeRulesFile));
    }

    /** The clustering rules: the bundled file, or {@code EW_CLUSTER_RULES} when set (validated; a bad file stops the start). */
    public io.earlywarning.cluster.ClusterRules clusterRules() {
        return clusterRulesFile.isEmpty() ? io.earlywarning.cluster.ClusterRules.bundled()
                : io.earlywarning.cluster.ClusterRules.load(Path.of(clusterRulesFile));
    }

    /**
     * The warning rules an instance starts with ({@code EW_WARNING_RULES}: a bundled city or a rules file with its
     * routing table), until a newer set is published on topic {@code rules}.
     */
    public io.earlywarning.warning.RuleBundle warningRuleBundle() {
        return io.earlywarning.warning.RuleBundle.load(warningRules);
    }

    /**
     * Where a command-line client connects: {@code override} when given, else KAFKA_BOOTSTRAP_SERVERS, else the
     * demo's embedded broker on this machine.
     */
    public String clientBootstrap(String override) {
        return override != null ? override
                : usesEmbeddedKafka() ? "localhost:" + embeddedKafkaPort : bootstrapServers;
    }

    /** Whether the stages keep their state on the heap ({@code EW_STATE_STORES=in_memory}) rather than in RocksDB. */
    public boolean inMemoryStores() {
        return stateStores.equals("in_memory");
    }

    public boolean usesEmbeddedKafka() {
        return bootstrapServers.isEmpty();
    }

    public boolean usesDemoPseudonymKey() {
        return pseudonymKey.equals(Setting.EW_PSEUDONYM_KEY.defaultValue());
    }

    public AppConfig withApplicationId(String id, Path state) {
        return new AppConfig(bootstrapServers, embeddedKafkaPort, embeddedKafkaDir, id, state, numStreamThreads, standbyReplicas,
                processingGuarantee, commitIntervalMs, topicPartitions, topicReplication, intakeRetention, metricsPort,
                pseudonymKey, gazetteer, maxTextBytes, dedupWindow, surgeRulesFile, clusterRulesFile, warningRules, groupInstanceId, sessionTimeoutMs, stateStores, eventTimeOrder);
    }

    public AppConfig withMetricsPort(int port) {
        return new AppConfig(bootstrapServers, embeddedKafkaPort, embeddedKafkaDir, applicationId, stateDir,
                numStreamThreads, standbyReplicas, processingGuarantee, commitIntervalMs, topicPartitions, topicReplication,
                intakeRetention, port, pseudonymKey, gazetteer, maxTextBytes, dedupWindow, surgeRulesFile, clusterRulesFile, warningRules, groupInstanceId, sessionTimeoutMs, stateStores, eventTimeOrder);
    }

    private static int integer(Map<Setting, String> v, Setting s) {
        try {
            return Integer.parseInt(v.get(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s.name() + " must be a whole number, not '" + v.get(s) + "'");
        }
    }

    private static String oneOf(Map<Setting, String> v, Setting s, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v.get(s))) {
                return a;
            }
        }
        throw new IllegalArgumentException(s.name() + " must be one of " + String.join(", ", allowed)
                + ", not '" + v.get(s) + "'");
    }
}

package io.earlywarning.app;

/**
 * Every configuration key, with its default and meaning: the one place that documents them (and
 * {@code docs/configuration.md}, which a test keeps in step with this list). Each is read from the environment
 * variable of the same name; the defaults run the demo on one machine.
 */
public enum Setting {
    KAFKA_BOOTSTRAP_SERVERS("", "Kafka bootstrap servers. Empty: `demo` starts an embedded single-node KRaft broker; other commands use localhost:9092."),
    EW_EMBEDDED_KAFKA_PORT("9092", "Client port of the embedded broker that `demo` starts when KAFKA_BOOTSTRAP_SERVERS is empty."),
    EW_EMBEDDED_KAFKA_DIR("", "Data directory of the embedded broker; empty: a temporary directory deleted on exit."),
    EW_APPLICATION_ID("early-warning", "Kafka Streams application.id: the consumer group and the prefix of internal topics."),
    EW_STATE_DIR("", "Kafka Streams state directory; empty: a directory under the system temp dir."),
    EW_NUM_STREAM_THREADS("1", "Kafka Streams threads per instance."),
    EW_STATE_STORES("rocksdb", "Where the stages keep their state: rocksdb (on disk under EW_STATE_DIR; a restart replays only what the changelogs gained since) or in_memory (on the heap, restored from the changelogs in full at every start: tests, and windows small enough to restore quickly)."),
    EW_STANDBY_REPLICAS("1", "Kafka Streams standby replicas: with two or more instances, each task's state is kept warm on another instance, so a failover (the one-partition clustering index above all) does not wait for a restore."),
    EW_PROCESSING_GUARANTEE("exactly_once_v2", "exactly_once_v2 (default: no record lost or doubled across crashes) or at_least_once (lower latency; duplicates possible after a crash)."),
    EW_COMMIT_INTERVAL_MS("200", "Kafka Streams commit interval; with exactly-once, also the transaction length, so it bounds end-to-end latency. 1000 sustains a higher rate (fewer commits and store flushes per record: BENCHMARKS.md, Soak) at up to a second more per hop."),
    EW_GROUP_INSTANCE_ID("", "Static group membership: a name stable across restarts of this instance (a StatefulSet pod name, a host name). A restarted instance then takes its tasks back at once instead of waiting for the dead member's session to time out (EW_SESSION_TIMEOUT_MS). Empty: dynamic membership. Never the same for two running instances."),
    EW_SESSION_TIMEOUT_MS("45000", "How long the group waits for an instance that stopped sending heartbeats before its tasks move to the others (Kafka's session.timeout.ms): the failover time when an instance dies for good; with EW_GROUP_INSTANCE_ID, a restart within it takes its tasks back without a rebalance."),
    EW_TOPIC_PARTITIONS("3", "Partitions of the topics the application creates."),
    EW_TOPIC_REPLICATION("1", "Replication factor of the topics the application creates and of internal topics (3 on a production cluster)."),
    EW_INTAKE_RETENTION_DAYS("30", "Retention of the intake and rejected topics, which hold personal data as the sources sent it."),
    EW_METRICS_PORT("9464", "Port of the HTTP server with /metrics (Prometheus) and /health."),
    EW_PSEUDONYM_KEY("early-warning-demo-key-change-me", "Secret key of the petitioner pseudonym (HMAC-SHA256). Change it in production and keep it stable: a new key makes new petitioner keys."),
    EW_GAZETTEER("demo-city,a-city", "Places gazetteer: demo-city, a-city, none, the path of a YAML file (docs/gazetteer.md), or several separated by commas."),
    EW_MAX_TEXT_BYTES("1048576", "Largest accepted record text in bytes; larger records are rejected as TOO_LARGE."),
    EW_DEDUP_WINDOW_DAYS("90", "A source id that arrives again within this many days of its first arrival is a duplicate and dropped (counted on intake.duplicates)."),
    EW_SURGE_RULES("", "Surge rules YAML (docs/surge-rules.md); empty = the bundled warning-rules surge-rules.yaml."),
    EW_CLUSTER_RULES("", "Similar-case clustering rules YAML (docs/cluster-rules.md); empty = the bundled cluster-rules.yaml."),
    EW_ORDER_GRACE_MINUTES("4320", "Event-time order before the clustering, surge, repeat, warning and unlisted-estate stages: a record is held until records this many minutes of event time newer have arrived (or for EW_ORDER_MAX_WAIT_MS), so that each stage sees its input in the same order in every run, however the upstream tasks were paced (a backlog drained after a restart, say)."),
    EW_ORDER_MAX_WAIT_MS("0", "Longest wall-clock wait of a record held for event-time order; 0 (default): no ordering, each stage takes records as they come. For a replay or a backfill drained at speed (60000 with the default grace measured best, docs/testing.md); a live stream keeps 0, since every held warning, a threat too, waits up to this long more."),
    EW_WARNING_RULES("demo-city", "Warning rules an instance starts with until a newer set is published on topic `rules` (docs/rules.md): demo-city, a-city, or the path of a rules YAML file (its routing table and threat lexicon are found relative to it).");

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}

package io.earlywarning.app;

import io.earlywarning.intake.stream.IntakeMetrics;
import io.earlywarning.kafka.TopicProvisioner;
import io.earlywarning.topology.EarlyWarningTopology;
import io.earlywarning.warning.ActiveRules;
import io.earlywarning.warning.stream.RuleSetWatcher;
import io.earlywarning.warning.stream.WarningMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * One running instance of the stream application: topics ensured, topology started, metrics and health served.
 * Several instances with one application id share the work (Kafka Streams' consumer-group protocol).
 */
public final class StreamApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamApp.class);

    private final PrometheusMeterRegistry registry;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final MetricsServer http;

    private final RuleSetWatcher watcher;

    private StreamApp(PrometheusMeterRegistry registry, KafkaStreams streams, KafkaStreamsMetrics streamsMetrics,
                      MetricsServer http, RuleSetWatcher watcher) {
        this.watcher = watcher;
        this.registry = registry;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.http = http;
    }

    /** Starts an instance against {@code bootstrapServers}; {@code metricsPort} 0 picks a free port. */
    public static StreamApp start(AppConfig config, String bootstrapServers) {
        if (config.usesDemoPseudonymKey()) {
            LOG.warn("EW_PSEUDONYM_KEY is the demo key: set a secret key before real petitions flow");
        }
        TopicProvisioner.ensureTopics(bootstrapServers, config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        IntakeMetrics metrics = new IntakeMetrics(registry);
        ActiveRules rules = new ActiveRules(config.warningRuleBundle());
        StreamsBuilder builder = new StreamsBuilder();
        EarlyWarningTopology.build(builder, config, metrics, rules);
        Topology topology = builder.build();
        LOG.debug("topology:\n{}", topology.describe());
        KafkaStreams streams = new KafkaStreams(topology,
                EarlyWarningTopology.streamsProperties(config, bootstrapServers, metrics));
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        MetricsServer http = new MetricsServer(config.metricsPort(), registry, () -> health(streams));
        RuleSetWatcher watcher = new RuleSetWatcher(bootstrapServers, instanceName(config), rules,
                new WarningMetrics(registry, rules));
        streams.start();
        return new StreamApp(registry, streams, streamsMetrics, http, watcher);
    }

    /** Names this instance on rules.status: the application id, host and metrics port. */
    private static String instanceName(AppConfig config) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return config.applicationId() + "@" + host + ":" + config.metricsPort() + "#" + ProcessHandle.current().pid();
    }

    private static MetricsServer.Health health(KafkaStreams streams) {
        KafkaStreams.State state = streams.state();
        return new MetricsServer.Health(state.isRunningOrRebalancing(), state.name());
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public int metricsPort() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        watcher.close();
        // Leave the group on a clean stop, so that the work moves at once instead of after the session timeout.
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        streamsMetrics.close();
        registry.close();
    }
}

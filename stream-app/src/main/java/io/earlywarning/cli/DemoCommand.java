package io.earlywarning.cli;

import io.earlywarning.app.AppConfig;
import io.earlywarning.app.Setting;
import io.earlywarning.app.StreamApp;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.kafka.EmbeddedKafkaBroker;
import io.earlywarning.replay.ReplayRecord;
import io.earlywarning.replay.ReplaySource;
import io.earlywarning.replay.Replayer;
import io.earlywarning.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.earlywarning.gateway.GatewayConfig;
import io.earlywarning.gateway.GatewaySetting;
import io.earlywarning.gateway.access.UnitLogins;
import io.earlywarning.gateway.kafka.AlertGateway;
import io.earlywarning.routing.ResponsibleUnit;
import io.earlywarning.warning.RuleBundle;

import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the whole pipeline on one machine: a real Kafka broker embedded in this JVM (unless "
                + "KAFKA_BOOTSTRAP_SERVERS is set), the topics, the topology, /metrics and /health, and a "
                + "generated stream (or --replay FILE) on an accelerated clock. Stops cleanly on Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--replay", paramLabel = "FILE", description = "Replay this file (or generated directory) instead of generating.")
    Path replay;

    @Option(names = "--format", description = "Format of --replay FILE: letters-visits, hotline, online, a-city-messages.")
    String format;

    @Mixin
    GeneratorOptions generator;

    @Option(names = "--speed", defaultValue = "3600", description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}: an hour a second).")
    double speed;

    /** The two units the demo signs in as: the first two district governments of the routing table. */
    static List<String> demoUnits(RuleBundle bundle) {
        return bundle.routing().units().stream()
                .filter(u -> u.territorial() && u.district() != null && u.town() == null)
                .map(ResponsibleUnit::id).limit(2).toList();
    }

    private static String loginLines(RuleBundle bundle, Map<String, String> secrets) {
        StringBuilder b = new StringBuilder();
        secrets.forEach((unit, secret) -> b.append(String.format("%n  Log-in          : %s (%s)  口令 %s",
                unit, bundle.routing().unit(unit).name(), secret)));
        return b.toString();
    }

    @Override
    public Integer call() throws Exception {
        AppConfig config = AppConfig.fromEnvironment();
        EmbeddedKafkaBroker broker = null;
        String bootstrap = config.bootstrapServers();
        if (config.usesEmbeddedKafka()) {
            Path dir = config.embeddedKafkaDir().isEmpty() ? Files.createTempDirectory("early-warning-kafka-")
                    : Path.of(config.embeddedKafkaDir());
            String stateDir = System.getenv(Setting.EW_STATE_DIR.name());
            if (config.embeddedKafkaDir().isEmpty() && (stateDir == null || stateDir.isBlank())) {
                // A fresh broker has no changelogs: state left by an earlier demo would not match them.
                config = config.withApplicationId(config.applicationId(), Files.createTempDirectory("early-warning-state-"));
            }
            System.out.println("Starting an embedded Kafka broker (KRaft) on 127.0.0.1:" + config.embeddedKafkaPort() + " …");
            broker = EmbeddedKafkaBroker.start(dir, config.embeddedKafkaPort(), config.embeddedKafkaDir().isEmpty());
            bootstrap = broker.bootstrapServers();
        }
        StreamApp app = StreamApp.start(config, bootstrap);
        // The gateway beside it: deadlines 60× faster unless EW_GATEWAY_TIME_SCALE says otherwise, the demo inbox as
        // the units' webhook receiver, and fresh log-ins for two district governments.
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent(GatewaySetting.EW_GATEWAY_TIME_SCALE.name(), "60");
        env.putIfAbsent(GatewaySetting.EW_GATEWAY_DEMO_INBOX.name(), "true");
        GatewayConfig gatewayConfig = GatewayConfig.from(env);
        RuleBundle bundle = RuleBundle.load(gatewayConfig.warningRules());
        Map<String, String> secrets = new LinkedHashMap<>();
        UnitLogins logins = gatewayConfig.loginsFile().isEmpty()
                ? GatewayCommand.demoLogins(bundle.routing(), demoUnits(bundle), secrets)
                : UnitLogins.load(Path.of(gatewayConfig.loginsFile()), bundle.routing());
        AlertGateway gateway = AlertGateway.start(gatewayConfig, bootstrap, logins, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedKafkaBroker brokerToClose = broker;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping …");
            gateway.close();
            app.close();
            if (brokerToClose != null) {
                brokerToClose.close();
            }
            stopped.countDown();
        }));

        List<ReplayRecord> records = replay != null
                ? ReplaySource.read(replay, format == null ? null : IntakeFormat.fromId(format))
                : generator.generate().records().stream()
                        .map(ReplayRecord::of)
                        .toList();

        System.out.printf("""

                Early Warning demo is running.
                  Kafka bootstrap : %s
                  Metrics         : http://localhost:%d/metrics   (curl -s localhost:%d/metrics | grep ew_intake)
                  Health          : http://localhost:%d/health
                  Duty console    : %s   (deadlines run %.0fx faster in the demo)%s
                  Topics          : %s
                  Warnings        : kcat -b %s -C -t warnings -q -X isolation.level=read_committed
                  Rules           : bin/early-warning rules publish FILE   (applied without a restart; docs/rules.md)
                Streaming %d records %s at %.0fx …  Ctrl-C stops.
                %n""", bootstrap, app.metricsPort(), app.metricsPort(), app.metricsPort(), gatewayConfig.consoleUrl(), gatewayConfig.timeScale(), loginLines(bundle, secrets), String.join(", ", Topics.ALL),
                bootstrap, records.size(), replay != null ? "from " + replay : "generated (seed " + generator.seed + ", " + generator.days + " days)", speed);

        String servers = bootstrap;
        Thread.ofPlatform().name("demo-feeder").daemon(true).start(() -> {
            long sent = new Replayer(servers).replay(records, new Replayer.Pace(speed, 0), System.err);
            System.out.println("Stream finished: " + sent + " records sent. The pipeline keeps running; Ctrl-C stops.");
        });
        stopped.await();
        return 0;
    }
}

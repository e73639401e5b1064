package io.earlywarning.cli;

import io.earlywarning.app.AppConfig;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.kafka.TopicProvisioner;
import io.earlywarning.replay.ReplayRecord;
import io.earlywarning.replay.ReplaySource;
import io.earlywarning.replay.Replayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Produces a file to its intake topic (or a generated directory to all three) at a chosen rate or "
                + "time acceleration, with a progress bar. Sends to KAFKA_BOOTSTRAP_SERVERS, default the demo's "
                + "broker at localhost:9092.")
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "JSON-lines file, or a directory written by `generate`.")
    Path file;

    @Option(names = "--format", description = "letters-visits, hotline, online or a-city-messages (for a file).")
    String format;

    @Option(names = "--rate", defaultValue = "0", description = "Records a second (0: as fast as possible unless --speed).")
    double rate;

    @Option(names = "--speed", defaultValue = "0", description = "Simulated seconds per real second, pacing by the records' own times.")
    double speed;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS or localhost:9092).")
    String bootstrap;

    @Override
    public Integer call() throws Exception {
        AppConfig config = AppConfig.fromEnvironment();
        String servers = config.clientBootstrap(bootstrap);
        List<ReplayRecord> records = ReplaySource.read(file, format == null ? null : IntakeFormat.fromId(format));
        TopicProvisioner.ensureTopics(servers, config);
        long acknowledged = new Replayer(servers).replay(records, new Replayer.Pace(speed, rate), System.err);
        System.out.printf("%d of %d records acknowledged by %s%n", acknowledged, records.size(), servers);
        return acknowledged == records.size() ? 0 : 1;
    }
}

package io.earlywarning.cli;

import io.earlywarning.app.AppConfig;
import io.earlywarning.kafka.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs the single-node KRaft broker the demo embeds, alone, keeping its data in --dir (restarts "
                + "continue from it). For development and the fault tests; production runs a Kafka cluster.")
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--dir", required = true, description = "Data directory (formatted on first use, kept on exit).")
    Path dir;

    @Option(names = "--port", description = "Client port (default: EW_EMBEDDED_KAFKA_PORT, 9092).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        int clientPort = port != null ? port : AppConfig.fromEnvironment().embeddedKafkaPort();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, clientPort, false);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("Kafka broker on " + broker.bootstrapServers() + ", data in " + dir);
        stopped.await();
        return 0;
    }
}

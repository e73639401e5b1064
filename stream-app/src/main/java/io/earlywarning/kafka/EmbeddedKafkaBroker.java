package io.earlywarning.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running inside this JVM.
 *
 * <p>No Docker engine runs on the machines this project is developed and tested on, so the demo and the
 * integration tests start the broker from Kafka's own Maven Central artifacts. It is the same broker code a
 * cluster runs: transactions, compaction and the Streams protocol all behave as in production. It formats its
 * storage with Kafka's {@code kafka-storage format} tool, exactly as an operator would.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int brokerPort;
    private final KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDir, boolean deleteOnClose, int brokerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.brokerPort = brokerPort;
        this.server = server;
    }

    /** Starts a broker on a free port with its data in a fresh temporary directory, deleted on close. */
    public static EmbeddedKafkaBroker start() {
        try {
            return start(Files.createTempDirectory("early-warning-kafka-"), 0, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker keeping its data in {@code dataDir}.
     *
     * @param port the client port, or 0 for a free one
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, boolean deleteOnClose) {
        try {
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Path logDir = dataDir.resolve("kraft-logs");
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            // One node: every internal topic has one replica, or transactions (exactly-once) never start.
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "5");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "5");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("num.partitions", "3");
            props.put("auto.create.topics.enable", "false");
            // Replayed and generated streams carry event times far from now.
            props.put("log.message.timestamp.before.max.ms", String.valueOf(Long.MAX_VALUE));
            props.put("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
            // Intake records may be large (texts are rejected above 1 MB, so they must first arrive).
            props.put("message.max.bytes", String.valueOf(io.earlywarning.topology.Topics.LARGE_MESSAGE_BYTES));
            props.put("replica.fetch.max.bytes", String.valueOf(io.earlywarning.topology.Topics.LARGE_MESSAGE_BYTES));
            props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
            props.put("unstable.api.versions.enable", "false");

            Files.createDirectories(dataDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(dataDir, props);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafkaBroker(dataDir, deleteOnClose, brokerPort, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(Path dataDir, Properties props) throws IOException {
        Path configFile = dataDir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            props.store(w, "embedded broker");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {
            "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString(),
            "--ignore-formatted"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("kafka-storage format failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless; the broker itself has shut down.
        }
    }
}

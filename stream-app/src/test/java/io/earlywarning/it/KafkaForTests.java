package io.earlywarning.it;

import io.earlywarning.kafka.EmbeddedKafkaBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one real broker the integration tests share: {@code KAFKA_BOOTSTRAP_SERVERS} when set; Testcontainers'
 * Kafka when a Docker engine answers; otherwise a real KRaft broker embedded in this JVM. Started once per test
 * JVM and stopped when it exits.
 */
public final class KafkaForTests {

    private static String bootstrapServers;
    private static String kind;

    private KafkaForTests() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            if (external != null && !external.isBlank()) {
                bootstrapServers = external;
                kind = "external";
            } else if (dockerAvailable()) {
                KafkaContainer container = new KafkaContainer("apache/kafka:4.2.0");
                container.start();
                Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
                bootstrapServers = container.getBootstrapServers();
                kind = "testcontainers";
            } else {
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
                bootstrapServers = broker.bootstrapServers();
                kind = "embedded";
            }
        }
        return bootstrapServers;
    }

    /** {@code external}, {@code testcontainers} or {@code embedded}. */
    public static synchronized String kind() {
        bootstrapServers();
        return kind;
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("ew.tests.noDocker")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}

package io.earlywarning.it;

import io.earlywarning.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Map;
import java.util.UUID;

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

    /** A consumer of the shared broker from the earliest offset, reading committed records only, as JSON text. */
    public static KafkaConsumer<String, String> consumer(String groupPrefix) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer());
    }

    public static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new StringSerializer());
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

package io.earlywarning.it;

import io.earlywarning.app.AppConfig;
import io.earlywarning.kafka.EmbeddedKafkaBroker;
import io.earlywarning.kafka.TopicProvisioner;
import io.earlywarning.topology.EarlyWarningTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Commits the current end of {@code topics} as the offsets of consumer group {@code groupId} (a Kafka Streams
     * application id), so that an application started under it reads only what the test writes from now on, not
     * what earlier tests left on the shared broker.
     */
    public static void startAtEnd(String groupId, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(groupId, ends).all().get();
        }
    }

    /**
     * Creates the application's topics and commits the current end of every shared topic its topology reads
     * (intake, cases, signals, warnings.actions, … as the topology itself names them) for its application id.
     */
    public static void startTopologyAtEnd(AppConfig config) throws Exception {
        TopicProvisioner.ensureTopics(bootstrapServers(), config);
        Set<String> sources = EarlyWarningTopology.sharedSourceTopics(config);
        startAtEnd(config.applicationId(), List.copyOf(sources));
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

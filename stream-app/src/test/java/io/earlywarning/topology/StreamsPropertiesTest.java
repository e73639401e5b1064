package io.earlywarning.topology;

import io.earlywarning.app.AppConfig;
import io.earlywarning.intake.stream.IntakeMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsPropertiesTest {

    private static Map<String, Object> consumerConfig(Map<String, String> env) {
        Properties p = EarlyWarningTopology.streamsProperties(AppConfig.from(env), "unused:9092", IntakeMetrics.discarding());
        return new StreamsConfig(p).getMainConsumerConfigs("group", "client", 0);
    }

    @Test
    void aDeadInstanceHandsItsTasksOverAfterTheConfiguredSessionTimeout() {
        assertThat(consumerConfig(Map.of()).get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo(45_000);
        assertThat(consumerConfig(Map.of("EW_SESSION_TIMEOUT_MS", "10000")).get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG))
                .isEqualTo(10_000);
    }

    @Test
    void aNamedInstanceJoinsAsAStaticMember() {
        assertThat(consumerConfig(Map.of()).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isNull();
        assertThat(consumerConfig(Map.of("EW_GROUP_INSTANCE_ID", "ew-0")).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                .as("Kafka Streams adds the thread's index").isEqualTo("ew-0-0");
    }

    @Test
    void storesAreOnDiskUnlessInMemoryIsAskedFor(@TempDir Path dir) {
        assertThat(persistence(Map.of("EW_STATE_DIR", dir.toString()))).containsExactly(true);
        assertThat(persistence(Map.of("EW_STATE_DIR", dir.toString(), "EW_STATE_STORES", "in_memory"))).containsExactly(false);
    }

    /** Whether the topology's stores are persistent, as built for {@code env}. */
    private static Set<Boolean> persistence(Map<String, String> env) {
        StreamsBuilder builder = new StreamsBuilder();
        AppConfig config = AppConfig.from(env);
        EarlyWarningTopology.build(builder, config, IntakeMetrics.discarding());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
                EarlyWarningTopology.streamsProperties(config, "unused:9092", IntakeMetrics.discarding()))) {
            return driver.getAllStateStores().values().stream().map(StateStore::persistent).collect(Collectors.toSet());
        }
    }
}

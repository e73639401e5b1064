package io.earlywarning.topology;

import io.earlywarning.app.AppConfig;
import io.earlywarning.intake.stream.IntakeMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

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
    void storesAreOnDiskUnlessInMemoryIsAskedFor(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.util.function.Function<Map<String, String>, java.util.Set<Boolean>> persistent = env -> {
            org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
            EarlyWarningTopology.build(builder, AppConfig.from(env), IntakeMetrics.discarding());
            try (var driver = new org.apache.kafka.streams.TopologyTestDriver(builder.build(),
                    EarlyWarningTopology.streamsProperties(AppConfig.from(env), "unused:9092", IntakeMetrics.discarding()))) {
                return driver.getAllStateStores().values().stream().map(org.apache.kafka.streams.processor.StateStore::persistent)
                        .collect(java.util.stream.Collectors.toSet());
            }
        };
        assertThat(persistent.apply(Map.of("EW_STATE_DIR", dir.toString()))).containsExactly(true);
        assertThat(persistent.apply(Map.of("EW_STATE_DIR", dir.toString(), "EW_STATE_STORES", "in_memory"))).containsExactly(false);
    }
}

package io.earlywarning.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.app.StreamApp;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.replay.ReplayRecord;
import io.earlywarning.replay.ReplaySource;
import io.earlywarning.replay.Replayer;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** The real A-city message board, replayed as `replay --format a-city-messages` does, becomes 4,326 cases. */
class ACityReplayIT {

    private static final Path MESSAGES = Path.of("..", "..", "shared", "data", "a-city-messages", "messages.jsonl");

    @TempDir
    Path state;

    @Test
    void everyMessageOfTheACityBoardBecomesOneCase() throws Exception {
        if (System.getenv("CI") == null) {
            assumeThat(Files.exists(MESSAGES)).as("../shared/data/a-city-messages beside the checkout").isTrue();
        }
        List<ReplayRecord> records = ReplaySource.read(MESSAGES, IntakeFormat.A_CITY_MESSAGES);
        assertThat(records).hasSize(4326).allMatch(r -> r.topic().equals(Topics.INTAKE_ONLINE));
        Set<String> expected = records.stream()
                .map(r -> "online:" + new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
        assertThat(expected).hasSize(4326);

        String bootstrap = KafkaForTests.bootstrapServers();
        AppConfig config = AppConfig.from(Map.of("EW_STATE_DIR", state.toString(), "EW_METRICS_PORT", "0",
                "EW_APPLICATION_ID", "a-city-" + System.nanoTime()));
        Map<String, JsonNode> cases = new HashMap<>();
        try (StreamApp app = StreamApp.start(config, bootstrap);
             KafkaConsumer<byte[], byte[]> consumer = IntakeConservationIT.consumer(bootstrap)) {
            consumer.subscribe(List.of(Topics.CASES));
            new Replayer(bootstrap).replay(records, Replayer.Pace.asFastAsPossible(), null);
            await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (expected.contains(key)) {
                        assertThat(cases.put(key, JsonSerde.MAPPER.readTree(r.value()))).as("second case for %s", key).isNull();
                    }
                }
                assertThat(cases).hasSize(4326);
            });
        }
        long withDistrict = cases.values().stream().filter(c -> c.hasNonNull("district")).count();
        long withCategory = cases.values().stream().filter(c -> c.hasNonNull("category")).count();
        assertThat(withCategory).isEqualTo(4326);
        // A-city districts are written A1区 … A9县 and are in the default gazetteer; most messages name one.
        assertThat(withDistrict).isGreaterThan(2000);
        assertThat(cases.values()).allMatch(c -> !c.toString().contains("\"A0"), "no user id leaks into a case");
    }
}

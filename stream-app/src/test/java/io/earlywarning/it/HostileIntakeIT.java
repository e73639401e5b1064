package io.earlywarning.it;

import io.earlywarning.app.AppConfig;
import io.earlywarning.app.StreamApp;
import io.earlywarning.intake.HostileRecords;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fuzz property's hostile records on the real broker: sent to every partition of the intake topics, followed by a
 * valid sentinel on each partition. Every sentinel comes out as a case (no partition stuck behind a poison record),
 * every record sent comes out once as a case, a counted duplicate or a dead letter, and each dead letter carries the
 * original bytes of a record that was sent.
 */
class HostileIntakeIT {

    private static final int HOSTILE = 600;

    @TempDir
    Path state;

    @Test
    void hostileRecordsOnEveryPartitionNeitherStickNorVanish() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        AppConfig config = AppConfig.from(Map.of("EW_STATE_DIR", state.toString(), "EW_METRICS_PORT", "0",
                "EW_APPLICATION_ID", "hostile-" + run));
        KafkaForTests.startTopologyAtEnd(config);
        List<String> outputs = List.of(Topics.CASES, Topics.INTAKE_DUPLICATES, Topics.INTAKE_REJECTED);
        Map<TopicPartition, Long> from;
        try (KafkaConsumer<byte[], byte[]> c = IntakeConservationIT.consumer(KafkaForTests.bootstrapServers())) {
            List<TopicPartition> parts = new ArrayList<>();
            outputs.forEach(t -> c.partitionsFor(t).forEach(p -> parts.add(new TopicPartition(t, p.partition()))));
            from = c.endOffsets(parts);
        }

        List<HostileRecords.Hostile> hostile = HostileRecords.any().sampleStream().limit(HOSTILE).toList();
        Set<String> sentBytes = new HashSet<>();
        List<String> sentinels = new ArrayList<>();
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = IntakeConservationIT.producer(KafkaForTests.bootstrapServers())) {
            int partitions = config.topicPartitions();
            for (int i = 0; i < hostile.size(); i++) {
                HostileRecords.Hostile h = hostile.get(i);
                producer.send(new ProducerRecord<>(Topics.intakeTopic(h.channel()), i % partitions, h.key(), h.value())).get();
                sentBytes.add(Arrays.toString(h.value()));
                sent++;
            }
            for (int p = 0; p < partitions; p++) {
                String id = "sentinel-" + run + "-" + p;
                sentinels.add("hotline:" + id);
                producer.send(new ProducerRecord<>(Topics.INTAKE_HOTLINE, p, null, ("{\"orderNo\":\"" + id
                        + "\",\"callTime\":\"2026-05-05T10:00:00+08:00\",\"callerNumber\":\"1\",\"summary\":\"江北区小区停水\","
                        + "\"district\":\"江北区\",\"category\":\"城乡建设\"}").getBytes(StandardCharsets.UTF_8))).get();
                sent++;
            }
        }

        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (StreamApp app = StreamApp.start(config, KafkaForTests.bootstrapServers());
             KafkaConsumer<byte[], byte[]> consumer = IntakeConservationIT.consumer(KafkaForTests.bootstrapServers())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            int expected = sent;
            await().atMost(Duration.ofMinutes(3)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(out::add);
                return out.size() >= expected;
            });
            // Nothing more comes: no record out twice.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(out::add);
                return out.size() == expected;
            });
        }
        List<String> caseKeys = out.stream().filter(r -> r.topic().equals(Topics.CASES))
                .map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
        assertThat(caseKeys).as("every partition's sentinel got through").containsAll(sentinels);
        assertThat(out).hasSize(sent);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = out.stream().filter(r -> r.topic().equals(Topics.INTAKE_REJECTED)).toList();
        assertThat(deadLetters).isNotEmpty()
                .allSatisfy(r -> assertThat(sentBytes).as("a dead letter's bytes are a record sent").contains(Arrays.toString(r.value())));
        System.out.printf("HostileIntakeIT: %d records (%d hostile) -> %d cases, %d duplicates, %d dead letters%n", sent,
                HOSTILE, caseKeys.size(), out.stream().filter(r -> r.topic().equals(Topics.INTAKE_DUPLICATES)).count(),
                deadLetters.size());
    }
}

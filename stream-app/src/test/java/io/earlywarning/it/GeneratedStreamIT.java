package io.earlywarning.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.app.StreamApp;
import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.generator.GeneratedRecord;
import io.earlywarning.generator.GeneratedStream;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.privacy.PersonalDataMasker;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A generated demo-city stream through the real broker: every record accounted for, no personal data in any
 * derived topic, and the duplicate filter's memory surviving a restart of the application.
 */
class GeneratedStreamIT {

    @TempDir
    Path state;

    @Test
    void aGeneratedStreamIsConservedPseudonymizedAndDeduplicatedAcrossARestart() throws Exception {
        String bootstrap = KafkaForTests.bootstrapServers();
        // A start date no other test uses, so that this run's source ids are its own on the shared broker.
        OffsetDateTime start = OffsetDateTime.of(2025, 6, 2, 0, 0, 0, 0, ZoneOffset.ofHours(8));
        GeneratedStream stream = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY)).generate(5, 3, start, 80);
        Set<String> caseIds = new HashSet<>();
        Set<String> personal = new HashSet<>();
        for (GeneratedRecord r : stream.records()) {
            caseIds.add(r.caseId());
            JsonNode j = JsonSerde.MAPPER.readTree(r.json());
            for (String field : List.of("callerNumber", "mobile")) {
                if (j.hasNonNull(field)) {
                    personal.add(j.get(field).asText());
                }
            }
            JsonNode p = j.path("petitioner");
            if (p.isObject()) {
                personal.add(p.path("name").asText());
                personal.add(p.path("phone").asText());
                personal.add(p.path("idNumber").asText());
            }
        }
        personal.removeIf(s -> s.length() < 2);
        AppConfig config = AppConfig.from(Map.of("EW_STATE_DIR", state.toString(), "EW_METRICS_PORT", "0",
                "EW_APPLICATION_ID", "generated-it-" + System.nanoTime()));

        Map<String, List<ConsumerRecord<byte[], byte[]>>> seen = new HashMap<>();
        int resentBeforeRestart = 10;
        try (KafkaConsumer<byte[], byte[]> consumer = IntakeConservationIT.consumer(bootstrap)) {
            consumer.subscribe(List.of(Topics.CASES, Topics.INTAKE_DUPLICATES, Topics.SIGNALS));
            try (StreamApp app = StreamApp.start(config, bootstrap);
                 KafkaProducer<byte[], byte[]> producer = IntakeConservationIT.producer(bootstrap)) {
                for (GeneratedRecord r : stream.records()) {
                    send(producer, r);
                }
                for (GeneratedRecord r : stream.records().subList(0, resentBeforeRestart)) {
                    send(producer, r);
                }
                producer.flush();
                awaitCounts(consumer, seen, caseIds, stream.records().size(), resentBeforeRestart);
            }
            // A new instance on the same state directory and changelog: it must remember what it has seen.
            int resentAfterRestart = 5;
            try (StreamApp app = StreamApp.start(config, bootstrap);
                 KafkaProducer<byte[], byte[]> producer = IntakeConservationIT.producer(bootstrap)) {
                for (GeneratedRecord r : stream.records().subList(20, 20 + resentAfterRestart)) {
                    send(producer, r);
                }
                producer.flush();
                awaitCounts(consumer, seen, caseIds, stream.records().size(), resentBeforeRestart + resentAfterRestart);
                // The generated threats come out as THREAT signals (read from cases by the threat stage).
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    awaitCounts(consumer, seen, caseIds, stream.records().size(), resentBeforeRestart + resentAfterRestart);
                    assertThat(seen.getOrDefault(Topics.SIGNALS, List.of())).isNotEmpty();
                });
            }
        }

        PersonalDataMasker masker = new PersonalDataMasker();
        for (String topic : List.of(Topics.CASES, Topics.INTAKE_DUPLICATES, Topics.SIGNALS)) {
            for (ConsumerRecord<byte[], byte[]> r : seen.getOrDefault(topic, List.of())) {
                String value = new String(r.value(), StandardCharsets.UTF_8);
                // Every text of the record but the pseudonym itself, whose hex digits can look like a landline.
                JsonNode json = JsonSerde.MAPPER.readTree(r.value());
                ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("petitionerKey");
                String texts = json.toString();
                assertThat(masker.containsPersonalNumber(texts)).as("phone or ID number in %s: %s", topic, texts).isFalse();
                for (String p : personal) {
                    assertThat(value).as("personal data in %s", topic).doesNotContain(p);
                }
            }
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, GeneratedRecord r) {
        producer.send(new ProducerRecord<>(Topics.intakeTopic(r.channel()), r.json().getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitCounts(KafkaConsumer<byte[], byte[]> consumer, Map<String, List<ConsumerRecord<byte[], byte[]>>> seen,
                                    Set<String> caseIds, int cases, int duplicates) {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.key() != null && caseIds.contains(new String(r.key(), StandardCharsets.UTF_8))) {
                    seen.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
                }
            }
            List<String> caseKeys = seen.getOrDefault(Topics.CASES, List.of()).stream()
                    .map(r -> new String(r.key(), StandardCharsets.UTF_8) + "@" + r.partition() + ":" + r.offset()).toList();
            assertThat(seen.getOrDefault(Topics.CASES, List.of())).as("cases %s", caseKeys).hasSize(cases);
            assertThat(seen.getOrDefault(Topics.INTAKE_DUPLICATES, List.of())).hasSize(duplicates);
        });
    }
}

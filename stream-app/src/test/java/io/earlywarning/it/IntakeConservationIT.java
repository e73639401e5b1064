package io.earlywarning.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.app.StreamApp;
import io.earlywarning.intake.stream.DeadLetters;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On a real broker: every record that enters intake comes out as a case, a dead letter or a counted duplicate. */
class IntakeConservationIT {

    @TempDir
    Path state;

    @Test
    void recordsInEqualCasesPlusRejectedPlusDuplicatesOnARealBroker() throws Exception {
        String bootstrap = KafkaForTests.bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        AppConfig config = AppConfig.from(Map.of("EW_STATE_DIR", state.toString(), "EW_METRICS_PORT", "0",
                "EW_APPLICATION_ID", "conservation-" + run));

        Map<String, byte[]> bad = new HashMap<>();
        bad.put("INVALID_JSON", utf8("{\"orderNo\": \"" + run + "-bad1\", "));
        bad.put("WRONG_TYPE", utf8(hotline(run + "-bad2", "\"callerNumber\":13800000000")));
        bad.put("MISSING_FIELD", utf8("{\"orderNo\":\"" + run + "-bad3\",\"callTime\":\"2026-03-03T21:00:00+08:00\",\"callerNumber\":\"1\"}"));
        bad.put("NOT_UTF8", hotline(run + "-bad4", "\"callerNumber\":\"1\"").replace("停水", "小区停水三天")
                .getBytes(Charset.forName("GBK")));
        bad.put("CONTROL_CHARACTERS", utf8(hotline(run + "-bad5", "\"callerNumber\":\"1\"").replace("停水", "停\\u0000水")));
        bad.put("TOO_LARGE", utf8(hotline(run + "-bad6", "\"callerNumber\":\"1\"").replace("停水", "停水".repeat(300_000))));

        int good = 20;
        int resent = 5;
        try (StreamApp app = StreamApp.start(config, bootstrap);
             KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < good; i++) {
                producer.send(new ProducerRecord<>(Topics.INTAKE_HOTLINE, utf8(hotline(run + "-" + i, "\"callerNumber\":\"1390000" + String.format("%04d", i) + "\""))));
            }
            for (int i = 0; i < resent; i++) {
                producer.send(new ProducerRecord<>(Topics.INTAKE_HOTLINE, utf8(hotline(run + "-" + i, "\"callerNumber\":\"1390000" + String.format("%04d", i) + "\""))));
            }
            for (byte[] b : bad.values()) {
                producer.send(new ProducerRecord<>(Topics.INTAKE_HOTLINE, b));
            }
            producer.flush();

            Map<String, List<ConsumerRecord<byte[], byte[]>>> seen = new ConcurrentHashMap<>();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
                consumer.subscribe(List.of(Topics.CASES, Topics.INTAKE_REJECTED, Topics.INTAKE_DUPLICATES));
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (mentionsRun(r, run)) {
                            seen.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
                        }
                    }
                    assertThat(count(seen, Topics.CASES) + count(seen, Topics.INTAKE_REJECTED)
                            + count(seen, Topics.INTAKE_DUPLICATES)).isEqualTo(good + resent + bad.size());
                });
            }
            assertThat(count(seen, Topics.CASES)).isEqualTo(good);
            assertThat(count(seen, Topics.INTAKE_DUPLICATES)).isEqualTo(resent);
            Map<String, byte[]> rejectedByReason = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : seen.get(Topics.INTAKE_REJECTED)) {
                rejectedByReason.put(header(r, DeadLetters.HEADER_REASON), r.value());
                assertThat(header(r, DeadLetters.HEADER_CHANNEL)).isEqualTo("hotline");
                assertThat(header(r, DeadLetters.HEADER_TOPIC)).isEqualTo(Topics.INTAKE_HOTLINE);
                assertThat(Long.parseLong(header(r, DeadLetters.HEADER_OFFSET))).isNotNegative();
                assertThat(header(r, DeadLetters.HEADER_MESSAGE)).isNotBlank();
            }
            assertThat(rejectedByReason.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
            bad.forEach((reason, bytes) -> assertThat(rejectedByReason.get(reason)).as(reason).isEqualTo(bytes));
            for (ConsumerRecord<byte[], byte[]> r : seen.get(Topics.CASES)) {
                JsonNode c = JsonSerde.MAPPER.readTree(r.value());
                assertThat(c.path("caseId").asText()).isEqualTo("hotline:" + c.path("caseId").asText().substring(8));
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain("1390000");
            }
            // The same figures over HTTP, as Prometheus scrapes them, and the health probe.
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + app.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("ew_intake_records_total{channel=\"hotline\",outcome=\"accepted\"}",
                    "ew_intake_rejected_total{channel=\"hotline\",reason=\"NOT_UTF8\"}", "ew_intake_latency_seconds_bucket",
                    "kafka_stream_");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + app.metricsPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        }
    }

    private static String hotline(String orderNo, String caller) {
        return "{\"orderNo\":\"" + orderNo + "\",\"callTime\":\"2026-03-03T21:00:00+08:00\"," + caller
                + ",\"summary\":\"江北区城关街道旭辉紫金苑停水\",\"district\":\"江北区\",\"category\":\"城乡建设\"}";
    }

    /** Records of this run only: the shared broker may hold other tests' records. */
    private static boolean mentionsRun(ConsumerRecord<byte[], byte[]> r, String run) {
        byte[] needle = run.getBytes(StandardCharsets.UTF_8);
        return contains(r.value(), needle) || contains(r.key(), needle)
                || contains(r.value(), run.getBytes(Charset.forName("GBK")));
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        if (hay == null) {
            return false;
        }
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int count(Map<String, List<ConsumerRecord<byte[], byte[]>>> seen, String topic) {
        return seen.getOrDefault(topic, List.of()).size();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return r.headers().lastHeader(name) == null ? null
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.LARGE_MESSAGE_BYTES,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.LARGE_MESSAGE_BYTES),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}

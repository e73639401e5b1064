package io.earlywarning.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.app.StreamApp;
import io.earlywarning.cli.EarlyWarningCommand;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.topology.Topics;
import io.earlywarning.warning.RuleBundle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a real broker: {@code rules publish} reaches a running instance without a restart; an invalid set published
 * behind the tool's back is rejected on {@code rules.status} and in metrics, and the last good set stays active.
 */
class RulesHotReloadIT {

    @TempDir
    Path dir;

    @Test
    void aPublishedSetAppliesWithoutRestartAndABadOneLeavesTheLastGoodSetActive() throws Exception {
        String bootstrap = KafkaForTests.bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        AppConfig config = AppConfig.from(Map.of("EW_STATE_DIR", dir.resolve("state").toString(),
                "EW_METRICS_PORT", "0", "EW_APPLICATION_ID", "hot-reload-" + run));
        RuleBundle demo = RuleBundle.load("demo-city");
        // The bundled set with a version above anything published on this broker, as files an analyst edits.
        int v2 = 1000 + (int) (System.nanoTime() % 100_000);
        Files.writeString(dir.resolve("rules.yaml"), demo.rulesText().replace("version: 1", "version: " + v2));
        Files.writeString(dir.resolve("routing-demo-city.yaml"), demo.routingText());

        try (StreamApp app = StreamApp.start(config, bootstrap);
             KafkaConsumer<String, String> consumer = KafkaForTests.consumer("hot-reload-it");
             KafkaProducer<String, String> producer = KafkaForTests.producer()) {
            consumer.subscribe(List.of(Topics.RULES_STATUS, Topics.WARNINGS));

            int exit = new CommandLine(new EarlyWarningCommand()).execute("rules", "publish",
                    dir.resolve("rules.yaml").toString(), "--bootstrap", bootstrap, "--wait", "0");
            assertThat(exit).isZero();
            List<JsonNode> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                poll(consumer, seen);
                assertThat(seen).anyMatch(s -> s.path("status").asText().equals("applied")
                        && s.path("activeVersion").asInt() == v2 && s.path("instance").asText().contains("hot-reload-" + run));
            });
            assertThat(metric(app, "ew_rules_active_version")).contains(" " + v2 + ".0");

            // Published behind the tool's back (kcat, a script): it must be refused, not applied.
            String bad = JsonSerde.MAPPER.createObjectNode().put("version", v2 + 1)
                    .put("rules", demo.rulesText().replace("version: 1", "version: " + (v2 + 1))
                            .replace("severity: orange", "severity: purple"))
                    .put("routing", demo.routingText()).toString();
            producer.send(new ProducerRecord<>(Topics.RULES, String.valueOf(v2 + 1), bad)).get();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                poll(consumer, seen);
                assertThat(seen).anyMatch(s -> s.path("status").asText().equals("rejected")
                        && s.path("offered").asText().equals(String.valueOf(v2 + 1))
                        && s.path("reason").asText().contains("purple")
                        && s.path("activeVersion").asInt() == v2);
            });
            assertThat(metric(app, "ew_rules_published_total{outcome=\"rejected\"}")).isNotEmpty().doesNotEndWith(" 0.0");
            assertThat(metric(app, "ew_rules_active_version")).contains(" " + v2 + ".0");

            // The next warning is made by the active set: the published one, not the rejected one.
            producer.send(new ProducerRecord<>(Topics.INTAKE_HOTLINE, null, """
                    {"orderNo":"HR%s","callTime":"2026-11-02T10:00:00+08:00","callerNumber":"13900001111",\
                    "summary":"来电人说工资月底前再不发就从楼顶跳下去。","district":"江北区","category":"劳动和社会保障"}"""
                    .formatted(run))).get();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                poll(consumer, seen);
                assertThat(seen).anyMatch(w -> w.path("evidence").path("caseIds").toString().contains("HR" + run)
                        && w.path("ruleSetVersion").asInt() == v2 && w.path("ruleId").asText().equals("threat-of-harm"));
            });
        }
    }

    private static void poll(KafkaConsumer<String, String> consumer, List<JsonNode> seen) throws Exception {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
            seen.add(JsonSerde.MAPPER.readTree(r.value()));
        }
    }

    private static String metric(StreamApp app, String name) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(name)).findFirst().orElse("");
    }
}

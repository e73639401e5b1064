package io.earlywarning.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.fault.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (Debian package {@code prometheus}) scrapes a running demo — the stream-app's and the gateway's
 * {@code /metrics} under the job names of deploy/prometheus — with deploy/prometheus/alerts.yml loaded. Then: every
 * dashboard query is valid PromQL and names only metrics the scrape holds; every alert rule evaluates without error
 * on real data and names only real metrics; the demo's intake shows per channel; {@code promtool check metrics}
 * finds nothing to say about our own metrics.
 */
class PrometheusIT {

    @TempDir
    Path tmp;

    private final List<AutoCloseable> running = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
    }

    @Test
    void prometheusScrapesTheDemoAndEveryDashboardQueryAndAlertNamesRealMetrics() throws Exception {
        Tools.require("prometheus", "prometheus");
        Tools.require("promtool", "prometheus");
        int kafka = Tools.freePort();
        int metrics = Tools.freePort();
        int gateway = Tools.freePort();
        int prometheusPort = Tools.freePort();

        ChildJvm demo = ChildJvm.start("1g", List.of("demo", "--speed", "3600"), Map.of(
                "EW_EMBEDDED_KAFKA_PORT", String.valueOf(kafka), "EW_METRICS_PORT", String.valueOf(metrics),
                "EW_GATEWAY_PORT", String.valueOf(gateway), "EW_GATEWAY_URL", "http://localhost:" + gateway,
                "EW_STATE_DIR", tmp.resolve("state").toString()), tmp.resolve("demo.log"));
        running.add(demo::stop);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(demo.alive()).as("demo running (see " + tmp.resolve("demo.log") + ")").isTrue();
            assertThat(status("http://localhost:" + metrics + "/health")).isEqualTo(200);
            assertThat(status("http://localhost:" + gateway + "/metrics")).isEqualTo(200);
        });

        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: ["%s"]
                scrape_configs:
                  - job_name: early-warning-stream
                    static_configs: [{targets: ["localhost:%d"]}]
                  - job_name: early-warning-gateway
                    static_configs: [{targets: ["localhost:%d"]}]
                """.formatted(DeployFiles.ALERTS, metrics, gateway));
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + tmp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
        running.add(() -> {
            prometheus.destroy();
            prometheus.waitFor();
        });
        String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/";

        // Both targets up, and the demo's cases counted per channel.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode targets = get(api + "targets").path("data").path("activeTargets");
            assertThat(targets).hasSize(2).allSatisfy(t -> assertThat(t.path("health").asText()).as(t.toString()).isEqualTo("up"));
            Set<String> channels = new HashSet<>();
            query(api, "sum by (channel) (ew_intake_records_total{job=\"early-warning-stream\", outcome=\"accepted\"}) > 0")
                    .forEach(s -> channels.add(s.path("metric").path("channel").asText()));
            assertThat(channels).containsExactlyInAnyOrder("letters-visits", "hotline", "online");
            assertThat(query(api, "sum(ew_warnings_total) > 0")).isNotEmpty();
        });

        // Every dashboard query and alert rule names only metrics the scrape holds. Some appear a little after
        // start (Kafka's per-partition lag after the first fetch), so the names are read until all are there.
        Set<String> exported = new HashSet<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            get(api + "label/__name__/values").path("data").forEach(n -> exported.add(n.asText()));
            DeployFiles.dashboardQueries().forEach((panel, expr) ->
                    assertThat(exported).as(panel + " names only exported metrics").containsAll(DeployFiles.metricNames(expr)));
            DeployFiles.alertExpressions().forEach((alert, expr) ->
                    assertThat(exported).as(alert + " names only exported metrics").containsAll(DeployFiles.metricNames(expr)));
        });

        // Every dashboard query is valid PromQL that Prometheus answers.
        DeployFiles.dashboardQueries().forEach((panel, expr) -> {
            JsonNode answer = getUnchecked(api + "query?query=" + encode(DeployFiles.asPrometheusQuery(expr)));
            assertThat(answer.path("status").asText()).as(panel + ": " + expr + " → " + answer).isEqualTo("success");
        });

        // Every alert rule evaluates on this data without error.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> rules = new ArrayList<>();
            get(api + "rules").path("data").path("groups").forEach(g -> g.path("rules").forEach(rules::add));
            assertThat(rules).hasSize(DeployFiles.alertExpressions().size());
            assertThat(rules).allSatisfy(r -> {
                assertThat(r.path("health").asText()).as(r.path("name") + " " + r.path("lastError")).isEqualTo("ok");
                assertThat(r.path("lastEvaluation").asText()).doesNotStartWith("0001");
            });
        });

        // promtool's lint: nothing about our own or the JVM's metrics. Kafka's client metrics keep Kafka's names
        // (…_time_ns_total, …_connection_count), which the lint dislikes; those are not ours to rename.
        for (int port : List.of(metrics, gateway)) {
            Tools.Result lint = Tools.checkMetrics(body("http://localhost:" + port + "/metrics"));
            List<String> ours = lint.output().lines().filter(l -> !l.isBlank() && !l.startsWith("kafka_")).toList();
            assertThat(ours).as("promtool check metrics on :" + port).isEmpty();
        }
    }

    private List<JsonNode> query(String api, String promql) throws Exception {
        JsonNode answer = get(api + "query?query=" + encode(promql));
        assertThat(answer.path("status").asText()).as(promql + " → " + answer).isEqualTo("success");
        List<JsonNode> series = new ArrayList<>();
        answer.path("data").path("result").forEach(series::add);
        return series;
    }

    private JsonNode getUnchecked(String url) {
        try {
            return get(url);
        } catch (Exception e) {
            throw new AssertionError(url, e);
        }
    }

    private JsonNode get(String url) throws Exception {
        return DeployFiles.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private String body(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package io.earlywarning.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.it.KafkaForTests;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The container image Jib built (stream-app/target/early-warning-image.tar, by the test run's image-test profile
 * on a base made from this JDK) runs the service: its layers unpacked into a root file system, its own entrypoint,
 * environment and user started there in fresh mount and PID namespaces (as a container runtime would, without the
 * Docker engine these machines lack), `run` against the real broker — it reports healthy and turns a hotline work
 * order into a case.
 */
class ImageIT {

    static final Path IMAGE = Path.of("target", "early-warning-image.tar").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void theImageRunsTheStreamAppOnARealBroker() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (System.getenv("CI") == null) {
            assumeThat(Files.exists(IMAGE)).as("image built (bin/early-warning test builds it)").isTrue();
            assumeThat(root).as("root, to unpack and start the image in its own namespaces").isTrue();
        }
        assertThat(IMAGE).as("the image-test profile builds it before the integration tests").exists();
        assertThat(root).as("CI runs as root").isTrue();

        // Unpack: the archive's manifest lists the layers in order; the config holds entrypoint, env and user.
        Path archive = Files.createDirectories(tmp.resolve("archive"));
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        assertThat(Tools.run(tmp, List.of("tar", "-xf", IMAGE.toString(), "-C", archive.toString())).exit()).isZero();
        JsonNode manifest = DeployFiles.JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
        assertThat(manifest.path("RepoTags").get(0).asText()).isEqualTo("early-warning:0.1.0");
        for (JsonNode layer : manifest.path("Layers")) {
            Tools.Result r = Tools.run(tmp, List.of("tar", "--warning=no-unknown-keyword", "-xf",
                    archive.resolve(layer.asText()).toString(), "-C", rootfs.toString()));
            assertThat(r.exit()).as(r.output()).isZero();
        }
        JsonNode config = DeployFiles.JSON.readTree(archive.resolve(manifest.path("Config").asText()).toFile()).path("config");
        assertThat(config.path("User").asText()).as("not root").isEqualTo("1000");
        assertThat(config.path("ExposedPorts").has("9464/tcp")).isTrue();
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));

        String run = UUID.randomUUID().toString().substring(0, 8);
        String appId = "image-" + run;
        int metricsPort = Tools.freePort();
        KafkaForTests.startTopologyAtEnd(AppConfig.from(Map.of("EW_APPLICATION_ID", appId)));

        // In new mount and PID namespaces: /proc and /dev for the JVM, then chroot into the image as its user.
        // $0 is the root file system, $1 the user; what follows is the image's entrypoint and its arguments.
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child", "sh", "-c",
                "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\" && user=\"$1\" && shift"
                        + " && exec chroot --userspec=\"$user:$user\" \"$0\" \"$@\"",
                rootfs.toString(), config.path("User").asText()));
        config.path("Entrypoint").forEach(e -> command.add(e.asText()));
        command.add("run");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("image.log").toFile());
        pb.environment().clear();
        config.path("Env").forEach(e -> {
            String kv = e.asText();
            pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        });
        pb.environment().put("PATH", pb.environment().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", KafkaForTests.bootstrapServers(),
                "EW_APPLICATION_ID", appId, "EW_METRICS_PORT", String.valueOf(metricsPort),
                "EW_STATE_DIR", "/tmp/state", "JAVA_TOOL_OPTIONS", "-Xmx768m"));
        Process image = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            // Refused connections while the JVM starts are expected: keep polling.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(java.net.ConnectException.class).untilAsserted(() -> {
                assertThat(image.isAlive()).as("image process (see " + tmp.resolve("image.log") + ")").isTrue();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + metricsPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
            });
            try (KafkaProducer<String, String> producer = KafkaForTests.producer();
                 KafkaConsumer<String, String> consumer = KafkaForTests.consumer("image-" + run)) {
                consumer.subscribe(List.of(Topics.CASES));
                producer.send(new ProducerRecord<>(Topics.INTAKE_HOTLINE, "IMG" + run, """
                        {"orderNo":"IMG%s","callTime":"2026-11-02T10:00:00+08:00","callerNumber":"13900002222",\
                        "summary":"江北区城关街道旭辉紫金苑停水三天","district":"江北区","category":"城乡建设"}""".formatted(run))).get();
                List<String> cases = new ArrayList<>();
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.value() != null && r.value().contains("IMG" + run)) {
                            cases.add(r.value());
                        }
                    }
                    assertThat(cases).hasSize(1);
                });
                assertThat(cases.get(0)).doesNotContain("13900002222");
            }
        } finally {
            // unshare does not pass SIGTERM on: stop the service itself (it is PID 1 in its namespace, and the JVM
            // handles SIGTERM), then unshare; --kill-child takes care of anything left.
            image.descendants().forEach(ProcessHandle::destroy);
            if (!image.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                image.destroyForcibly();
                image.waitFor();
            }
        }
    }
}

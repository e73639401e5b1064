package io.earlywarning.it;

import io.earlywarning.app.AppConfig;
import io.earlywarning.app.StreamApp;
import io.earlywarning.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A real, independent Kafka client (kcat, Debian package {@code kcat}) produces a hotline work order to the intake
 * topic and reads the normalized case back from {@code cases}. CI installs kcat; on a developer machine without
 * it the test is skipped, in CI it fails.
 */
class KcatIT {

    @TempDir
    Path state;

    @Test
    void kcatProducesAWorkOrderAndReadsTheNormalizedCase() throws Exception {
        boolean haveKcat = new ProcessBuilder("sh", "-c", "command -v kcat").start().waitFor() == 0;
        if (System.getenv("CI") == null) {
            assumeThat(haveKcat).as("kcat installed (apt-get install kcat)").isTrue();
        }
        assertThat(haveKcat).as("kcat must be installed in CI (.ci/run installs it)").isTrue();

        String bootstrap = KafkaForTests.bootstrapServers();
        String orderNo = "KCAT-" + UUID.randomUUID().toString().substring(0, 8);
        AppConfig config = AppConfig.from(Map.of("EW_STATE_DIR", state.toString(), "EW_METRICS_PORT", "0",
                "EW_APPLICATION_ID", "kcat-" + orderNo));
        try (StreamApp app = StreamApp.start(config, bootstrap)) {
            Path order = state.resolve("order.json");
            Files.writeString(order, "{\"orderNo\":\"" + orderNo + "\",\"callTime\":\"2026-03-05T10:00:00+08:00\","
                    + "\"callerNumber\":\"13700001111\",\"summary\":\"来电人反映青山县城关镇小区停水三天\","
                    + "\"district\":\"青山县\",\"category\":\"城乡建设\"}\n", StandardCharsets.UTF_8);
            run(List.of("kcat", "-b", bootstrap, "-P", "-t", Topics.INTAKE_HOTLINE, "-k", orderNo, "-l", order.toString()));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                String cases = run(List.of("kcat", "-b", bootstrap, "-C", "-t", Topics.CASES, "-e", "-q",
                        "-X", "isolation.level=read_committed", "-f", "%k\t%s\n"));
                assertThat(cases).contains("hotline:" + orderNo + "\t");
                String line = cases.lines().filter(l -> l.startsWith("hotline:" + orderNo)).findFirst().orElseThrow();
                assertThat(line).contains("\"district\":\"青山县\"", "\"category\":\"城乡建设\"")
                        .doesNotContain("13700001111");
            });
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code of %s", command).isZero();
        return out;
    }
}

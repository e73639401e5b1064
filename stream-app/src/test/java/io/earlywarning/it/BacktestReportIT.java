package io.earlywarning.it;

import io.earlywarning.cli.EarlyWarningCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The backtest report opens in a real browser (headless Chromium) with its plots. */
class BacktestReportIT {

    @TempDir
    Path out;

    @Test
    void theACityBacktestReportOpensInChromiumWithItsPlots() throws Exception {
        String chromium = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : null;
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it)");
        }
        assertThat(chromium).as("chromium, installed by .ci/run").isNotNull();
        int exit = new CommandLine(new EarlyWarningCommand()).execute("rules", "backtest",
                "--input", "../../shared/data/a-city-messages/messages.jsonl", "--format", "a-city-messages",
                "--compare", "demo-city", "--out", out.toString());
        assertThat(exit).isZero();

        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-background-networking",
                "--disable-gpu", "--dump-dom", out.resolve("report.html").toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dom).contains("预警规则回测报告").contains("<svg").contains("<polyline").contains("<rect")
                .contains("estate:伊景园滨河苑").contains("两套规则的差异");
    }
}

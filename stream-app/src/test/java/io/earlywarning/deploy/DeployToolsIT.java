package io.earlywarning.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The deploy files pass the real tools: promtool checks and tests the alerting rules, docker compose reads compose.yaml. */
class DeployToolsIT {

    @TempDir
    Path tmp;

    @Test
    void promtoolAcceptsTheAlertingRules() throws Exception {
        Tools.require("promtool", "prometheus");
        Tools.Result r = Tools.run(DeployFiles.DEPLOY, List.of("promtool", "check", "rules", DeployFiles.ALERTS.toString()));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: " + DeployFiles.alertExpressions().size() + " rules found");
    }

    @Test
    void alertRuleTestsPassAndCatchAnAlertThatFiresTooLate() throws Exception {
        Tools.require("promtool", "prometheus");
        Tools.Result r = Tools.run(DeployFiles.DEPLOY.resolve("prometheus"), List.of("promtool", "test", "rules", "alerts-test.yml"));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");

        // The same tests against rules where an unacknowledged red warning waits ten minutes instead of one: they fail.
        String rules = Files.readString(DeployFiles.ALERTS);
        int at = rules.indexOf("alert: CriticalWarningUnacknowledged");
        String slower = rules.substring(0, at) + rules.substring(at).replaceFirst("for: 1m", "for: 10m");
        Files.writeString(tmp.resolve("alerts.yml"), slower);
        Files.copy(DeployFiles.ALERT_TESTS, tmp.resolve("alerts-test.yml"));
        Tools.Result mutated = Tools.run(tmp, List.of("promtool", "test", "rules", "alerts-test.yml"));
        assertThat(mutated.exit()).as(mutated.output()).isNotZero();
        assertThat(mutated.output()).contains("CriticalWarningUnacknowledged");
    }

    @Test
    void dockerComposeValidatesTheComposeFileAndRejectsABrokenOne() throws Exception {
        Tools.requireCompose();
        List<String> config = new ArrayList<>(Tools.compose());
        config.addAll(List.of("-f", DeployFiles.COMPOSE.toString(), "config"));
        Tools.Result r = Tools.run(DeployFiles.DEPLOY, config);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("kafka-1:", "kafka-2:", "kafka-3:", "stream-app-1:", "stream-app-2:", "gateway:",
                "prometheus:", "grafana:");

        // A misspelt key is an error, not silently ignored: the validation has teeth.
        Path broken = tmp.resolve("compose.yaml");
        Files.writeString(broken, Files.readString(DeployFiles.COMPOSE).replace("    hostname: gateway", "    hostnam: gateway"));
        List<String> brokenConfig = new ArrayList<>(Tools.compose());
        brokenConfig.addAll(List.of("-f", broken.toString(), "config", "-q"));
        Tools.Result b = Tools.run(tmp, brokenConfig);
        assertThat(b.exit()).as(b.output()).isNotZero();
        assertThat(b.output()).contains("hostnam");
    }
}

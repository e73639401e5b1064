package io.earlywarning.cli;

import io.earlywarning.app.AppConfig;
import io.earlywarning.backtest.Backtest;
import io.earlywarning.backtest.RuleTests;
import io.earlywarning.domain.Case;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.replay.OfflineIntake;
import io.earlywarning.replay.ReplaySource;
import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.warning.RuleBundle;
import io.earlywarning.warning.Warning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RulesCommandTest {

    static final Path RULES = Path.of("..", "warning-rules", "src", "main", "resources", "io", "earlywarning", "warning");
    static final Path A_CITY = Path.of("..", "..", "shared", "data", "a-city-messages", "messages.jsonl");

    @TempDir
    Path dir;

    @Test
    void theShippedRuleTestsPass() {
        List<RuleTests.Outcome> outcomes = RuleTests.run(RULES.resolve("rules-demo-city.test.yaml"), null);
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(6).allSatisfy(o -> assertThat(o.differences()).as(o.name()).isEmpty());
    }

    @Test
    void aRuleTestThatExpectsOtherUnitsFailsWithTheDifference() throws Exception {
        String tests = Files.readString(RULES.resolve("rules-demo-city.test.yaml"))
                .replace("rules: rules-demo-city.yaml", "rules: demo-city")
                .replace("units: [jz-d01-gov, jz-d01-housing],\n", "units: [jz-d01-gov],\n");
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, tests);

        RuleTests.Outcome first = RuleTests.run(file, null).get(0);
        assertThat(first.passed()).isFalse();
        assertThat(first.differences()).singleElement().asString()
                .contains("units: expected [jz-d01-gov], got [jz-d01-gov, jz-d01-housing]");
    }

    @Test
    void validateRefusesABadFileWithExitStatusOne() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), RuleBundle.load("demo-city").rulesText()
                .replace("routing: routing-demo-city.yaml", "routing: routing-demo-city.yaml\ncolour: red"));
        int bad = new CommandLine(new EarlyWarningCommand()).execute("rules", "validate", dir.resolve("bad.yaml").toString());
        int good = new CommandLine(new EarlyWarningCommand()).execute("rules", "validate", "demo-city");
        assertThat(bad).isEqualTo(1);
        assertThat(good).isZero();
    }

    @Test
    void theBacktestOverTheACityBoardRaisesTheBundledParkingSurgeToTheHousingBureau() throws Exception {
        OfflineIntake intake = OfflineIntake.of(AppConfig.from(Map.of("EW_GAZETTEER", "a-city")));
        List<Case> cases = intake.normalize(ReplaySource.read(A_CITY, IntakeFormat.A_CITY_MESSAGES));
        RuleBundle rules = RuleBundle.load("a-city");
        String stricter = rules.rulesText().replace("version: 1", "version: 2")
                .replace("when: {type: SURGE, keyTypes: [estate], minObserved: 3}",
                        "when: {type: SURGE, keyTypes: [estate], minObserved: 8}");
        RuleBundle compare = RuleBundle.fromPublished(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("rules", stricter).put("routing", rules.routingText()).toString().getBytes());

        Backtest.Result r = Backtest.run("a-city", cases, intake.rejected(), SurgeRules.bundled(), rules, compare, null);
        Backtest.write(r, dir);

        Warning parking = r.main().warnings().stream().filter(w -> "伊景园滨河苑".equals(w.estate())).findFirst().orElseThrow();
        assertThat(parking.ruleId()).isEqualTo("estate-surge");
        assertThat(parking.units()).extracting(UnitAssignment::sector).contains("housing");
        assertThat(parking.evidence().caseIds()).hasSizeGreaterThanOrEqualTo(5);
        long estateMain = r.main().warnings().stream().filter(w -> w.ruleId().equals("estate-surge")).count();
        long estateCompare = r.compare().warnings().stream().filter(w -> w.ruleId().equals("estate-surge")).count();
        assertThat(estateCompare).as("a higher minimum raises fewer estate warnings").isLessThan(estateMain).isPositive();
        assertThat(Files.readAllLines(dir.resolve("warnings.jsonl"))).hasSize(r.main().versions().size());
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<svg").contains("estate:伊景园滨河苑").contains("仅主规则集");
    }
}

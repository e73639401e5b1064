package io.earlywarning.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.domain.Case;
import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.generator.GeneratedStream;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.replay.OfflineIntake;
import io.earlywarning.replay.ReplayRecord;
import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.warning.RuleBundle;
import io.earlywarning.warning.Warning;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The "done when": a generated estate surge becomes one warning for the district and its housing bureau. */
class GeneratedSurgeWarningTest {

    @Test
    void eachGeneratedEstateSurgeAfterWarmUpBecomesOneWarningToTheDistrictAndItsHousingBureau() {
        OffsetDateTime start = DemoStreamGenerator.DEFAULT_START;
        GeneratedStream stream = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY)).generate(7, 60, start, 80);
        OfflineIntake intake = OfflineIntake.of(AppConfig.from(Map.of("EW_GAZETTEER", "demo-city")));
        List<Case> cases = intake.normalize(stream.records().stream().map(ReplayRecord::of).toList());
        RuleBundle rules = RuleBundle.load("demo-city");
        Backtest.Result r = Backtest.run("generated", cases, intake.rejected(), SurgeRules.bundled(), rules, null, null);

        List<JsonNode> checked = new ArrayList<>();
        for (JsonNode surge : stream.truth().path("surges")) {
            OffsetDateTime onset = OffsetDateTime.parse(surge.path("onset").asText());
            if (!surge.path("keyType").asText().equals("estate") || onset.isBefore(start.plusDays(16))) {
                continue; // the first two weeks only learn
            }
            checked.add(surge);
            String estate = surge.path("key").asText();
            List<Warning> onEstate = r.main().warnings().stream()
                    .filter(w -> w.ruleId().equals("estate-surge") && estate.equals(w.estate())).toList();
            assertThat(onEstate).as(estate).hasSize(1);
            Warning w = onEstate.get(0);
            assertThat(w.triggeredAt()).as(estate).isAfterOrEqualTo(onset)
                    .isBefore(OffsetDateTime.parse(surge.path("end").asText()));
            assertThat(w.units()).as(estate).extracting(UnitAssignment::role).containsExactly("territorial", "sector");
            assertThat(w.units().get(0).name()).isEqualTo(w.district() + "人民政府");
            assertThat(w.units().get(1).sector()).isEqualTo("housing");
            assertThat(w.units().get(1).name()).startsWith(w.district());
            assertThat(w.evidence().caseIds().size()).as(estate).isGreaterThanOrEqualTo(3);
        }
        assertThat(checked).as("surges after warm-up in 60 generated days").isNotEmpty();
    }
}

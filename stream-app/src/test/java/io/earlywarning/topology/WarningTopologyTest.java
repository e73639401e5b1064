package io.earlywarning.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.warning.ActiveRules;
import io.earlywarning.warning.RuleBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hotline calls through the whole topology to warnings on topic {@code warnings}. */
class WarningTopologyTest {

    static final OffsetDateTime START = OffsetDateTime.of(2026, 11, 2, 0, 0, 0, 0, ZoneOffset.ofHours(8));

    @TempDir
    Path state;

    private final ActiveRules rules = new ActiveRules(RuleBundle.load("demo-city"));
    private HotlineCalls calls;

    @BeforeEach
    void start() {
        calls = new HotlineCalls(state, rules);
    }

    @AfterEach
    void stop() {
        calls.close();
    }

    private void call(OffsetDateTime at, String phone, String summary, String district, String category) {
        calls.call(at, phone, summary, district, category);
    }

    private List<JsonNode> warnings(String ruleId) {
        return calls.read(Topics.WARNINGS).stream().filter(w -> w.path("ruleId").asText().equals(ruleId)).toList();
    }

    private static List<String> units(JsonNode w) {
        return w.path("units").findValuesAsText("id");
    }

    private void ordinaryWeeksThenOwnersOfOneEstate(int owners) {
        for (int day = 0; day < 21; day++) {
            for (int i = 0; i < 6; i++) {
                call(START.plusDays(day).plusHours(9 + i), "1390000" + String.format("%04d", day * 10 + i),
                        "来电人反映小区门口道路破损，希望尽快维修。", "江北区", "交通运输");
            }
        }
        OffsetDateTime morning = START.plusDays(21).plusHours(9);
        for (int i = 0; i < owners; i++) {
            call(morning.plusMinutes(20L * i), "1371111" + String.format("%04d", i),
                    "来电人反映：江北区城关街道旭辉紫金苑延期交房一年多，开发商推诿。", "江北区", "城乡建设");
        }
    }

    @Test
    void surgeOnOneEstateBecomesOneWarningToTheDistrictAndTheHousingBureau() {
        ordinaryWeeksThenOwnersOfOneEstate(9);

        List<JsonNode> estate = warnings("estate-surge");
        assertThat(estate).isNotEmpty();
        assertThat(estate.stream().map(w -> w.path("warningId").asText()).distinct()).hasSize(1);
        JsonNode first = estate.get(0);
        JsonNode last = estate.get(estate.size() - 1);
        assertThat(first.path("version").asInt()).isEqualTo(1);
        assertThat(last.path("version").asInt()).isEqualTo(estate.size());
        assertThat(units(last)).containsExactly("jz-d01-gov", "jz-d01-housing");
        assertThat(last.path("estate").asText()).isEqualTo("旭辉紫金苑");
        assertThat(last.path("evidence").path("observed").asInt()).isEqualTo(9);
        assertThat(last.path("evidence").path("caseIds")).hasSize(9);
        assertThat(last.path("title").asText()).startsWith("旭辉紫金苑城乡建设信访量激增：9人");
        assertThat(OffsetDateTime.parse(first.path("triggeredAt").asText()))
                .isBefore(START.plusDays(21).plusHours(11));
        assertThat(last.toString()).doesNotContain("1371111");
    }

    @Test
    void anOfficersResolutionOnTheAuditTopicClosesTheWarningAndLaterCallsOfThatSurgeDoNotReopenIt() {
        ordinaryWeeksThenOwnersOfOneEstate(5);
        List<JsonNode> raised = warnings("estate-surge");
        JsonNode open = raised.get(raised.size() - 1);
        OffsetDateTime resolvedAt = START.plusDays(21).plusHours(12);
        // The gateway's acknowledgement passes by; its resolution closes the warning.
        calls.pipeRaw(Topics.WARNING_ACTIONS, action("acknowledge", open, resolvedAt.minusMinutes(30)),
                resolvedAt.minusMinutes(30));
        calls.pipeRaw(Topics.WARNING_ACTIONS, action("resolve", open, resolvedAt), resolvedAt);

        List<JsonNode> closed = warnings("estate-surge");
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).path("warningId").asText()).isEqualTo(open.path("warningId").asText());
        assertThat(closed.get(0).path("status").asText()).isEqualTo("resolved");
        assertThat(closed.get(0).path("version").asInt()).isEqualTo(open.path("version").asInt() + 1);

        for (int i = 0; i < 3; i++) {
            call(resolvedAt.plusMinutes(10L * i), "1372222" + String.format("%04d", i),
                    "来电人反映：江北区城关街道旭辉紫金苑延期交房一年多，开发商推诿。", "江北区", "城乡建设");
        }
        assertThat(warnings("estate-surge")).as("the resolved surge growing stays resolved").isEmpty();
    }

    private static String action(String type, JsonNode warning, OffsetDateTime at) {
        return JsonSerde.MAPPER.createObjectNode().put("actionId", type + "-1").put("type", type)
                .put("warningId", warning.path("warningId").asText()).put("warningVersion", warning.path("version").asInt())
                .put("ruleId", warning.path("ruleId").asText()).put("subject", warning.path("subject").asText())
                .put("unit", "jz-d01-gov").put("actor", "jz-d01-gov").put("note", "已约谈开发商，承诺月底交房")
                .put("at", at.toInstant().toString()).toString();
    }

    @Test
    void aCallThatAccusesTheHousingBureauNeverReachesItButItsSuperior() {
        call(START.plusHours(10), "13900001111",
                "来电人投诉江北区住建局对违建不作为，说再不处理就从楼顶跳下去。", "江北区", "城乡建设");

        List<JsonNode> threat = warnings("threat-of-harm");
        assertThat(threat).hasSize(1);
        JsonNode w = threat.get(0);
        assertThat(units(w)).doesNotContain("jz-d01-housing").contains("jz-housing", "jz-d01-gov", "jz-d01-public-security");
        assertThat(w.path("routingNotes").toString()).contains("江北区住房和城乡建设局").contains("举报人保护");
        assertThat(w.path("escalation").findValuesAsText("id")).doesNotContain("jz-d01-housing");
    }

    @Test
    void aSignalTheWarningStageCannotReadGoesToTheDeadLettersAndTheStageGoesOn() {
        calls.pipeRaw(Topics.SIGNALS, "{not json");
        calls.pipeRaw(Topics.SIGNALS, "{\"type\":\"RUMOUR\",\"signalId\":\"x\"}");
        call(START.plusHours(10), "13900001111", "来电人说工资再不发就从楼顶跳下去。", "江北区", "劳动和社会保障");

        // The test driver does not capture dead letters of a value that cannot be read (IntakeConservationIT reads
        // them from a real broker); both rejections are counted, and the readable one is captured with its reason.
        assertThat(calls.registry().get(io.earlywarning.intake.stream.IntakeMetrics.REJECTED)
                .tag("reason", "PROCESSING_ERROR").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum()).isEqualTo(2.0);
        var dead = calls.readRecords(Topics.INTAKE_REJECTED);
        assertThat(dead).extracting(r -> r.value()).contains("{\"type\":\"RUMOUR\",\"signalId\":\"x\"}");
        assertThat(new String(dead.get(dead.size() - 1).headers().lastHeader("__streams.errors.message").value(),
                StandardCharsets.UTF_8)).contains("RUMOUR");
        assertThat(warnings("threat-of-harm")).hasSize(1);
    }

    @Test
    void aWarningNoSignalCanUpdateAnyMoreLeavesTheStore() {
        call(START.plusHours(10), "13900001111", "来电人说工资再不发就从楼顶跳下去。", "江北区", "劳动和社会保障");
        var store = calls.<io.earlywarning.warning.Warning>store(io.earlywarning.warning.stream.WarningProcessor.STORE);
        assertThat(store.approximateNumEntries()).isEqualTo(1);

        // The stage's clock is its signals' event time: the next signal, forty days later, clears the old warning.
        call(START.plusDays(40), "13900002222", "来电人说拆迁款再不给就在区政府门口喝农药。", "江北区", "城乡建设");
        assertThat(store.get("threat-of-harm|case:hotline:GD00002")).isNotNull();
        assertThat(store.get("threat-of-harm|case:hotline:GD00001")).isNull();
    }

    @Test
    void aPublishedSetAppliesWithoutRestartAndABadOneLeavesItActive() {
        RuleBundle demo = rules.get();
        String v2 = demo.rulesText().replace("version: 1", "version: 2");
        ActiveRules.Outcome applied = rules.offer("2", published(v2, demo));
        ActiveRules.Outcome rejected = rules.offer("3", published(v2.replace("version: 2", "version: 3")
                .replace("severity: orange", "severity: purple"), demo));

        assertThat(applied.applied()).isTrue();
        assertThat(rejected.status()).isEqualTo("rejected");
        assertThat(rejected.reason()).contains("purple");
        call(START.plusHours(10), "13900001111", "来电人说工资再不发就从楼顶跳下去。", "江北区", "劳动和社会保障");
        assertThat(warnings("threat-of-harm")).singleElement()
                .satisfies(w -> assertThat(w.path("ruleSetVersion").asInt()).isEqualTo(2));
    }

    private static byte[] published(String rulesText, RuleBundle base) {
        return JsonSerde.MAPPER.createObjectNode().put("rules", rulesText).put("routing", base.routingText())
                .toString().getBytes(StandardCharsets.UTF_8);
    }
}

package io.earlywarning.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.warning.ActiveRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The clustering stage inside the whole topology: hotline calls in, clustered cases, growth signals and a warning out. */
class ClusterTopologyTest {

    @TempDir
    Path state;

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-03-02T09:00:00+08:00");

    /** Other matters of the same days, in other places: any real window holds them. */
    private static final String[][] OTHER_CALLS = {
        {"城西区人民路路灯损坏一个多月无人维修，晚上出行不安全。", "城西区", "城乡建设"},
        {"高新区某快递公司拖欠员工工资三个月，要求劳动监察部门处理。", "高新区", "劳动和社会保障"},
        {"母亲在市第二医院住院期间护理不到位，请求卫健委调查。", "江南区", "卫生计生"},
        {"经开区一家餐馆后厨卫生条件差，请市场监管部门检查。", "经开区", "商贸旅游"},
        {"江南区滨江路夜间飙车噪音扰民，希望交警部门加强整治。", "江南区", "交通运输"},
        {"城东区某培训机构突然关门，预交学费无法退还。", "城东区", "教育文体"},
        {"临江县农村道路损毁严重，雨天无法通行。", "临江县", "交通运输"},
        {"村里低保评定不公开，村干部优亲厚友，请求民政部门调查。", "白河县", "民政"},
    };

    /** One matter (房产证办不下来 at one estate) as ten different callers put it. */
    private static final String[] SAME_MATTER = {
        "江北区城关街道旭辉紫金苑交房三年，业主的不动产权证一直办不下来，开发商说手续不全。",
        "旭辉紫金苑的房产证什么时候能办？交房三年了，孩子上学要用房产证。",
        "旭辉·紫金苑小区开发商未缴清土地出让金，全体业主无法办理不动产登记。",
        "旭輝紫金苑業主反映辦證難，交房三年仍未拿到不動產權證書。",
        "紫金苑（旭辉）几百户业主办不了产权证，卖房贷款落户都受影响。",
        "旭辉紫金苑房产证问题：开发商称正在走流程，已经说了两年，要求给出办证时间。",
        "旭辉紫金苑业主办证难，不动产权证拖了三年，请自然资源部门督促开发商。",
        "旭辉紫金苑交房多年办不了房产证，开发商一拖再拖，请政府帮忙。",
        "旭辉紫金苑的产权证到底什么时候能拿到？开发商欠土地出让金。",
        "旭辉紫金苑业主要求尽快办理不动产权证，孩子入学急需。",
    };

    @Test
    void tenCallersOnOneMatterAreOneClusterThatSignalsItsGrowthAndWarnsTheUnits() {
        try (HotlineCalls calls = new HotlineCalls(state, new ActiveRules(AppConfig.from(Map.of()).warningRuleBundle()))) {
            int minute = 0;
            for (String[] other : OTHER_CALLS) {
                calls.call(T0.plusMinutes(minute += 7), "1390000" + (1000 + minute), other[0], other[1], other[2]);
            }
            for (int i = 0; i < SAME_MATTER.length; i++) {
                calls.call(T0.plusHours(2 + i), "1380000" + (2000 + i), SAME_MATTER[i], "江北区", "城乡建设");
            }

            List<JsonNode> clustered = calls.read(Topics.CASES_CLUSTERED);
            assertThat(clustered).hasSize(OTHER_CALLS.length + SAME_MATTER.length);
            List<JsonNode> matter = clustered.subList(OTHER_CALLS.length, clustered.size());
            String clusterId = matter.get(0).path("clusterId").asText();
            assertThat(matter).allSatisfy(c -> assertThat(c.path("clusterId").asText()).isEqualTo(clusterId));
            assertThat(matter.get(9).path("clusterSize").asInt()).isEqualTo(10);
            assertThat(matter.get(9).path("nearest").get(0).path("caseId").asText()).startsWith("hotline:");
            assertThat(matter.get(0).path("case").path("estate").asText()).isEqualTo("旭辉紫金苑");
            assertThat(clustered.subList(0, OTHER_CALLS.length))
                    .noneSatisfy(c -> assertThat(c.path("clusterId").asText()).isEqualTo(clusterId));

            List<JsonNode> growth = calls.read(Topics.SIGNALS).stream()
                    .filter(s -> s.path("type").asText().equals("CLUSTER_GROWTH")).toList();
            assertThat(growth).extracting(s -> s.path("threshold").asInt()).containsExactly(3, 10);
            assertThat(growth.get(1).path("caseIds")).hasSize(10);
            assertThat(growth.get(1).path("estate").asText()).isEqualTo("旭辉紫金苑");
            assertThat(growth.get(1).path("representativeSubject").asText()).contains("紫金苑");

            List<JsonNode> warnings = calls.read(Topics.WARNINGS).stream()
                    .filter(w -> w.path("ruleId").asText().equals("similar-case-cluster")).toList();
            assertThat(warnings).isNotEmpty();
            JsonNode w = warnings.get(warnings.size() - 1);
            assertThat(w.path("units").findValuesAsText("id")).contains("jz-d01-gov", "jz-d01-housing");
            assertThat(w.toString()).doesNotContain("1380000");
        }
    }

    @Test
    void callsReplayedMonthsAfterTheyWereMadeStillClusterByTheirOwnTime() {
        // The broker stamps arrival (intake topics use LogAppendTime): a replay, or a backlog entered late, arrives
        // months after the calls were made. The clustering window is event time, so the matter is still one.
        OffsetDateTime replayedAt = T0.plusDays(200);
        try (HotlineCalls calls = new HotlineCalls(state, new ActiveRules(AppConfig.from(Map.of()).warningRuleBundle()))) {
            for (int i = 0; i < SAME_MATTER.length; i++) {
                calls.call(T0.plusHours(2 + i), replayedAt.plusHours(2 * i), "1380000" + (2000 + i), SAME_MATTER[i],
                        "江北区", "城乡建设");
            }
            List<JsonNode> clustered = calls.read(Topics.CASES_CLUSTERED);
            assertThat(clustered).hasSize(SAME_MATTER.length);
            String clusterId = clustered.get(0).path("clusterId").asText();
            assertThat(clustered).allSatisfy(c -> assertThat(c.path("clusterId").asText()).isEqualTo(clusterId));
            assertThat(clustered.get(SAME_MATTER.length - 1).path("clusterSize").asInt()).isEqualTo(SAME_MATTER.length);
            assertThat(calls.read(Topics.CLUSTERS)).noneSatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("expired"));
        }
    }
}

package io.earlywarning.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.cluster.CaseClusterer;
import io.earlywarning.cluster.ClusterJournal;
import io.earlywarning.cluster.ClusterRules;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.place.PlaceResolver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterCommandTest {

    private final PlaceResolver places = new PlaceResolver(Gazetteer.load(Gazetteer.DEMO_CITY));

    @Test
    void linesWithOnlyIdAndTextAreClusteredAndThePlaceIsFoundInTheText() {
        CaseClusterer clusterer = new CaseClusterer(ClusterRules.bundled(), ClusterJournal.none());
        List<String> lines = List.of(
                "{\"id\":\"a\",\"text\":\"城西区人民路路灯损坏一个多月无人维修，晚上出行不安全。\"}",
                "{\"id\":\"b\",\"text\":\"来电人反映：江北区旭辉紫金苑交房三年，业主的不动产权证一直办不下来，开发商说手续不全。\"}",
                "{\"id\":\"c\",\"text\":\"高新区某快递公司拖欠员工工资三个月，要求劳动监察部门处理。\"}",
                "{\"id\":\"d\",\"text\":\"旭辉紫金苑的房产证什么时候能办？交房三年了，不动产权证还是办不下来。\"}",
                "not json",
                "{\"id\":\"e\"}");
        List<ObjectNode> out = lines.stream().map(l -> ClusterCommand.answer(clusterer, places, l)).toList();
        assertThat(out).hasSize(lines.size());
        assertThat(out.get(3).path("cluster").asText()).isEqualTo(out.get(1).path("cluster").asText()).isEqualTo("cl-b");
        assertThat(out.get(3).path("size").asInt()).isEqualTo(2);
        assertThat(out.get(3).path("nearest").get(0).path("caseId").asText()).isEqualTo("b");
        assertThat(out.get(0).path("cluster").asText()).isEqualTo("cl-a");
        assertThat(out.get(4).path("id").isNull()).isTrue();
        assertThat(out.get(4).path("error").asText()).contains("\"text\"");
        assertThat(out.get(5).path("error").asText()).contains("\"text\"");
        assertThat(ClusterCommand.caseOf(io.earlywarning.topology.JsonSerde.MAPPER.createObjectNode()
                .put("id", "x").put("text", "旭辉紫金苑电梯坏了"), places).estate()).isEqualTo("旭辉紫金苑");
    }
}

package io.earlywarning.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.threat.ThreatDetector;
import io.earlywarning.threat.ThreatRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreatsCommandTest {

    private static final ThreatDetector DETECTOR = new ThreatDetector(ThreatRules.bundled());

    @Test
    void eachInputLineGetsOneAnswerLine() {
        ObjectNode threat = ThreatsCommand.answer(DETECTOR, "{\"id\":\"a\",\"text\":\"再不解决我就从楼顶跳下去\"}");
        assertThat(threat.path("id").asText()).isEqualTo("a");
        assertThat(threat.path("threat").asBoolean()).isTrue();
        assertThat(threat.path("category").asText()).isEqualTo("self_harm");
        assertThat(threat.path("evidence").get(0).path("text").asText()).isEqualTo("跳下去");
        assertThat(threat.path("evidence").get(0).path("start").asInt()).isEqualTo(9);

        ObjectNode calm = ThreatsCommand.answer(DETECTOR, "{\"id\":7,\"text\":\"我们将向法院提起诉讼\"}");
        assertThat(calm.path("id").asInt()).isEqualTo(7);
        assertThat(calm.path("threat").asBoolean()).isFalse();
        assertThat(calm.path("evidence")).isEmpty();

        ObjectNode bad = ThreatsCommand.answer(DETECTOR, "{not json");
        assertThat(bad.path("id").isNull()).isTrue();
        assertThat(bad.path("error").asText()).isNotBlank();
    }
}

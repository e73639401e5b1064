package io.earlywarning.warning;

import io.earlywarning.rulesfile.YamlFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad edit is refused with a message that names the key and the line, never applied half-way. */
class WarningRuleSetTest {

    private static final String DEMO = RuleBundle.load("demo-city").rulesText();

    private static String invalid(String yaml) {
        try {
            WarningRuleSet.parse(yaml, "test.yaml");
        } catch (YamlFile.InvalidFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void theShippedRuleSetsValidateWithTheirRoutingTables() {
        assertThat(RuleBundle.load("demo-city").rules().rules()).hasSize(6);
        assertThat(RuleBundle.load("a-city").routing().city()).isEqualTo("A市");
    }

    @Test
    void aMisspelledKeyIsNamedWithItsLine() {
        String message = invalid(DEMO.replace("minObserved: 3}", "minObserverd: 3}"));
        assertThat(message).contains("unknown key 'minObserverd'").contains("rules[1].when").contains("line");
    }

    @Test
    void anUnknownSeverityOrPlaceholderOrRouteIsRefused() {
        assertThat(invalid(DEMO.replace("severity: yellow", "severity: purple"))).contains("purple");
        assertThat(invalid(DEMO.replace("{estate}{category}", "{estat}{category}"))).contains("unknown placeholder {estat}");
        assertThat(invalid(DEMO.replace("route: [territorial, sector]", "route: [territorial, mayor]"))).contains("mayor");
    }

    @Test
    void aHigherSeverityMayNotBeAnsweredLaterThanALowerOne() {
        assertThat(invalid(DEMO.replace("red: 15m", "red: 6h"))).contains("acknowledge.red must not be longer");
    }

    @Test
    void aSensitivePeriodEndingBeforeItStartsIsRefused() {
        assertThat(invalid(DEMO.replace("from: 2026-03-04, to: 2026-03-12", "from: 2026-03-12, to: 2026-03-04")))
                .contains("to is before from");
    }

    @Test
    void escalationToAUnitTheRoutingTableLacksIsRefusedWithTheTable() {
        String yaml = DEMO.replace("to: joint-office}", "to: jz-mayor}");
        assertThatThrownBy(() -> RuleBundle.fromPublished(JsonPublished.of(yaml, RuleBundle.load("demo-city"))))
                .hasMessageContaining("escalation to 'jz-mayor'");
    }

    /** The published form of a rules text with the demo routing table. */
    static final class JsonPublished {
        static byte[] of(String rules, RuleBundle base) {
            return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("rules", rules)
                    .put("routing", base.routingText()).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}

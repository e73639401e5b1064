package io.earlywarning.threat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreatRulesTest {

    private static ThreatRules parse(String yaml) throws Exception {
        return ThreatRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void theBundledRulesAreValid() {
        ThreatRules rules = ThreatRules.bundled();
        assertThat(rules.acts()).containsKeys(ThreatCategory.values());
        assertThat(rules.means()).isNotEmpty();
    }

    @Test
    void aBadEditIsRefusedWithAMessageThatNamesTheProblem() {
        assertThatThrownBy(() -> parse("acts: {self_harm: [跳楼], violence: [拼命], arson: [放火]}"))
                .hasMessageContaining("unknown threat category 'arson'");
        assertThatThrownBy(() -> parse("acts: {self_harm: [跳楼]}\nmeans: {汽油: arson_explosive}"))
                .hasMessageContaining("acts must list every category");
        assertThatThrownBy(() -> parse("actz: {}")).hasMessageContaining("unknown key 'actz'");
    }

    @Test
    void aLexiconWrittenBeforeTheWhereaboutsListsStillLoadsWithThatConstructionOff() throws Exception {
        String bundled = new String(ThreatRules.class.getResourceAsStream("threat-rules.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        String older = bundled.replaceAll("(?m)^(knowing|whereabouts|family|retractions):.*$", "");
        ThreatRules rules = parse(older);
        assertThat(rules.whereabouts()).isEmpty();
        assertThat(rules.retractions()).isEmpty();
        assertThat(new ThreatDetector(rules).assess("我说要去跳楼只是气话").threat()).isTrue();
        assertThat(new ThreatDetector(ThreatRules.bundled()).assess("我说要去跳楼只是气话").threat()).isFalse();
        assertThat(new ThreatDetector(rules).assess("我已经打听到了他孩子在哪个学校上学").threat()).isFalse();
        assertThat(new ThreatDetector(ThreatRules.bundled()).assess("我已经打听到了他孩子在哪个学校上学").threat()).isTrue();
        assertThatThrownBy(() -> parse(bundled.replaceAll("(?m)^family:.*$", "family: []")))
                .hasMessageContaining("family must be a non-empty list");
    }
}

package io.earlywarning.warning;

import io.earlywarning.state.KeyedMemory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.routing.UnitAssignment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WarningEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleBundle DEMO = RuleBundle.load("demo-city");

    private final WarningEngine engine = new WarningEngine(() -> DEMO, KeyedMemory.inMemory());

    static ObjectNode surge(String status, int version, String at, int observed, List<String> caseIds, String... accused) {
        ObjectNode j = JSON.createObjectNode();
        j.put("signalId", "SURGE:estate:旭辉紫金苑:20261102T0800").put("type", "SURGE").put("status", status)
                .put("version", version).put("keyType", "estate").put("key", "旭辉紫金苑").put("district", "江北区")
                .put("town", "城关街道").put("estate", "旭辉紫金苑").put("category", "城乡建设")
                .put("detectedAt", "2026-11-02T09:00:00+08:00").put("updatedAt", at)
                .put("observed", observed).put("expected", 0.4).put("score", 1e-9);
        caseIds.forEach(j.putArray("caseIds")::add);
        var a = j.putArray("accusedUnits");
        for (String u : accused) {
            a.add(u);
        }
        return j;
    }

    static ObjectNode threat(String caseId, String severity, String accused) {
        ObjectNode j = JSON.createObjectNode();
        j.put("signalId", "THREAT:" + caseId).put("type", "THREAT").put("caseId", caseId)
                .put("detectedAt", "2026-11-02T10:00:00+08:00").put("channel", "hotline").put("district", "江北区")
                .put("town", "城关街道").put("category", "self_harm").put("caseCategory", "劳动和社会保障")
                .put("sector", "human-resources").put("severity", severity).put("field", "text")
                .put("accusedUnit", accused);
        j.putArray("evidence").addObject().put("start", 10).put("end", 14).put("text", "跳楼");
        return j;
    }

    private List<Warning> on(ObjectNode signal) {
        return engine.onSignal(SignalView.from(signal));
    }

    private static List<String> unitIds(Warning w) {
        return w.units().stream().map(UnitAssignment::id).toList();
    }

    @Test
    void surgeOnOneEstateRaisesOneWarningToTheDistrictAndItsHousingBureau() {
        List<Warning> first = on(surge("open", 1, "2026-11-02T09:00:00+08:00", 4, List.of("hotline:1", "online:2")));

        assertThat(first).hasSize(1);
        Warning w = first.get(0);
        assertThat(w.ruleId()).isEqualTo("estate-surge");
        assertThat(w.severity()).isEqualTo(Severity.YELLOW);
        assertThat(unitIds(w)).containsExactly("jz-d01-gov", "jz-d01-housing");
        assertThat(w.units()).extracting(UnitAssignment::role).containsExactly("territorial", "sector");
        assertThat(w.title()).isEqualTo("旭辉紫金苑城乡建设信访量激增：4人（基线0.4人）");
        assertThat(w.acknowledgeBy()).isEqualTo(w.triggeredAt().plusHours(4));
        assertThat(w.escalation().get(0).units()).extracting(UnitAssignment::id)
                .containsExactly("jz-gov", "jz-housing");
    }

    @Test
    void aGrowingSurgeUpdatesTheSameWarningAndRaisesItsSeverity() {
        Warning first = on(surge("open", 1, "2026-11-02T09:00:00+08:00", 4, List.of("hotline:1"))).get(0);
        Warning grown = on(surge("update", 2, "2026-11-02T10:00:00+08:00", 12, List.of("hotline:1", "hotline:9")))
                .get(0);

        assertThat(grown.warningId()).isEqualTo(first.warningId());
        assertThat(grown.version()).isEqualTo(2);
        assertThat(grown.severity()).isEqualTo(Severity.ORANGE);
        assertThat(grown.evidence().caseIds()).containsExactly("hotline:1", "hotline:9");
        assertThat(grown.triggeredAt()).isEqualTo(first.triggeredAt());
        assertThat(grown.acknowledgeBy()).as("orange is answered within the hour: sooner than yellow's deadline")
                .isEqualTo(grown.updatedAt().plusHours(1)).isBefore(first.acknowledgeBy());
    }

    @Test
    void aRepeatedSignalWithNothingNewRaisesNothing() {
        on(surge("open", 1, "2026-11-02T09:00:00+08:00", 4, List.of("hotline:1")));
        assertThat(on(surge("open", 1, "2026-11-02T09:00:00+08:00", 4, List.of("hotline:1")))).isEmpty();
    }

    @Test
    void aClosedSurgeMarksItsWarningSubsidedAndTheNextSurgeIsANewWarning() {
        Warning first = on(surge("open", 1, "2026-11-02T09:00:00+08:00", 4, List.of("hotline:1"))).get(0);
        Warning subsided = on(surge("closed", 2, "2026-11-04T09:00:00+08:00", 4, List.of("hotline:1"))).get(0);
        assertThat(subsided.status()).isEqualTo("subsided");
        assertThat(subsided.warningId()).isEqualTo(first.warningId());

        ObjectNode again = surge("open", 1, "2026-11-20T09:00:00+08:00", 5, List.of("hotline:7"));
        again.put("signalId", "SURGE:estate:旭辉紫金苑:20261120T0800").put("detectedAt", "2026-11-20T09:00:00+08:00");
        Warning next = on(again).get(0);
        assertThat(next.warningId()).isNotEqualTo(first.warningId());
        assertThat(next.version()).isEqualTo(1);
    }

    @Test
    void aSurgeThatReopensWithinTheAggregationWindowStaysOneWarning() {
        Warning first = on(surge("open", 1, "2026-11-02T09:00:00+08:00", 4, List.of("hotline:1"))).get(0);
        on(surge("closed", 2, "2026-11-03T09:00:00+08:00", 4, List.of("hotline:1")));
        ObjectNode flap = surge("open", 1, "2026-11-04T09:00:00+08:00", 5, List.of("hotline:7", "hotline:8"));
        flap.put("signalId", "SURGE:estate:旭辉紫金苑:20261104T0800").put("detectedAt", "2026-11-04T09:00:00+08:00");

        Warning again = on(flap).get(0);
        assertThat(again.warningId()).isEqualTo(first.warningId());
        assertThat(again.status()).isEqualTo("update");
        assertThat(again.version()).isEqualTo(3);
        assertThat(again.evidence().caseIds()).containsExactly("hotline:1", "hotline:7", "hotline:8");
    }

    @Test
    void aSurgeOnCasesAccusingTheHousingBureauNeverReachesItAndGoesOneLevelUp() {
        Warning w = on(surge("open", 1, "2026-11-02T09:00:00+08:00", 4, List.of("hotline:1"), "江北区住建局")).get(0);

        assertThat(unitIds(w)).doesNotContain("jz-d01-housing").contains("jz-d01-gov", "jz-housing");
        assertThat(w.units()).filteredOn(u -> u.id().equals("jz-housing")).extracting(UnitAssignment::role)
                .containsExactly("superior");
        assertThat(w.routingNotes()).anySatisfy(n -> assertThat(n).contains("江北区住房和城乡建设局").contains("举报人保护"));
        assertThat(w.escalation()).flatExtracting(Warning.Escalation::units).extracting(UnitAssignment::id)
                .doesNotContain("jz-d01-housing");
    }

    @Test
    void aComplaintAccusingTheDistrictGovernmentReachesNeitherItNorItsStreetOffices() {
        Warning w = on(threat("hotline:5", "medium", "江北区政府")).get(0);

        assertThat(unitIds(w)).doesNotContain("jz-d01-gov", "jz-d01-t01").contains("jz-gov");
        assertThat(w.escalation()).flatExtracting(Warning.Escalation::units).extracting(UnitAssignment::id)
                .noneMatch(id -> id.startsWith("jz-d01-t") || id.equals("jz-d01-gov"));
    }

    @Test
    void aThreatOfHarmAlsoReachesPublicSecurityAndTheStreetOffice() {
        Warning w = on(threat("hotline:5", "high", null)).get(0);

        assertThat(w.ruleId()).isEqualTo("threat-of-harm");
        assertThat(w.severity()).isEqualTo(Severity.RED);
        assertThat(unitIds(w)).containsExactly("jz-d01-gov", "jz-d01-t01", "jz-d01-human-resources",
                "jz-d01-public-security", "jz-joint");
        assertThat(w.evidence().spans()).extracting(SignalView.Span::text).containsExactly("跳楼");
        assertThat(w.title()).isEqualTo("江北区城关街道：信访人扬言自伤自杀");
    }

    @Test
    void aSensitivePeriodTightensThresholdsAndRaisesSeverity() {
        ObjectNode small = surge("open", 1, "2026-11-02T09:00:00+08:00", 2, List.of("hotline:1"));
        assertThat(on(small)).isEmpty();

        ObjectNode duringTheSessions = surge("open", 1, "2027-03-05T09:00:00+08:00", 2, List.of("hotline:1"));
        duringTheSessions.put("signalId", "SURGE:estate:旭辉紫金苑:20270305T0800");
        Warning w = on(duringTheSessions).get(0);
        assertThat(w.sensitivePeriod()).isEqualTo("全国两会");
        assertThat(w.severity()).isEqualTo(Severity.ORANGE);
    }

    @Test
    void aRuleCanStayOutOfSensitivePeriods() {
        ObjectNode second = JSON.createObjectNode();
        second.put("signalId", "REPEAT:hotline:2").put("type", "REPEAT").put("caseId", "hotline:2")
                .put("detectedAt", "2027-03-05T09:00:00+08:00").put("matter", "estate:旭辉紫金苑/城乡建设")
                .put("district", "江北区").put("estate", "旭辉紫金苑").put("category", "城乡建设").put("count", 2);
        second.putArray("earlierCaseIds").add("hotline:1");

        assertThat(on(second)).as("minRepeatCount 3 is not halved for repeats during 两会").isEmpty();
    }

    @Test
    void aPublishedSetAppliesToTheNextSignal() {
        RuleBundle[] active = {DEMO};
        WarningEngine live = new WarningEngine(() -> active[0], KeyedMemory.inMemory());
        String stricter = DEMO.rulesText().replace("version: 1", "version: 2")
                .replace("when: {type: SURGE, keyTypes: [estate], minObserved: 3}",
                        "when: {type: SURGE, keyTypes: [estate], minObserved: 8}");
        active[0] = RuleBundle.fromPublished(published(stricter));

        assertThat(live.onSignal(SignalView.from(surge("open", 1, "2026-11-02T09:00:00+08:00", 4,
                List.of("hotline:1"))))).isEmpty();
    }

    @Test
    void resolutionClosesTheWarningAndTheResolvedSurgeGrowingDoesNotReopenIt() {
        Warning first = on(surge("open", 1, "2026-11-02T09:00:00+08:00", 4, List.of("hotline:1"))).get(0);

        Warning resolved = engine.onResolution(resolve(first, "2026-11-02T11:00:00Z")).orElseThrow();

        assertThat(resolved.warningId()).isEqualTo(first.warningId());
        assertThat(resolved.version()).isEqualTo(2);
        assertThat(resolved.status()).isEqualTo("resolved");
        assertThat(resolved.updatedAt().toInstant()).isEqualTo(java.time.Instant.parse("2026-11-02T11:00:00Z"));
        assertThat(engine.onResolution(resolve(first, "2026-11-02T11:05:00Z"))).as("resolved once").isEmpty();
        assertThat(on(surge("update", 2, "2026-11-02T20:00:00+08:00", 9, List.of("hotline:1", "hotline:2"))))
                .as("the resolved surge's own signal, growing").isEmpty();
        assertThat(on(surge("closed", 3, "2026-11-02T21:00:00+08:00", 9, List.of("hotline:1", "hotline:2"))))
                .as("nor closing").isEmpty();
    }

    @Test
    void aNewSurgeAfterResolutionRaisesANewWarning() {
        Warning first = on(surge("open", 1, "2026-11-02T09:00:00+08:00", 4, List.of("hotline:1"))).get(0);
        engine.onResolution(resolve(first, "2026-11-02T11:00:00Z")).orElseThrow();

        ObjectNode next = surge("open", 1, "2026-11-05T09:00:00+08:00", 5, List.of("hotline:7"));
        next.put("signalId", "SURGE:estate:旭辉紫金苑:20261105T0800");
        List<Warning> again = on(next);

        assertThat(again).hasSize(1);
        assertThat(again.get(0).warningId()).isNotEqualTo(first.warningId());
        assertThat(again.get(0).version()).isEqualTo(1);
        assertThat(again.get(0).status()).isEqualTo("open");
    }

    @Test
    void aResolutionOfAnOlderWarningLeavesTheOpenOneAlone() {
        Warning first = on(surge("open", 1, "2026-11-02T09:00:00+08:00", 4, List.of("hotline:1"))).get(0);
        WarningResolution stale = new WarningResolution(first.warningId().replace("20261102", "20261001"),
                first.ruleId(), first.subject(), "jz-d01-gov", java.time.OffsetDateTime.parse("2026-11-02T11:00:00Z"));

        assertThat(engine.onResolution(stale)).isEmpty();
        assertThat(on(surge("update", 2, "2026-11-02T10:00:00+08:00", 12, List.of("hotline:1", "hotline:9"))))
                .extracting(Warning::version).containsExactly(2);
    }

    @Test
    void onlyResolveActionsAreResolutions() {
        ObjectNode ack = JSON.createObjectNode().put("type", "acknowledge").put("warningId", "w").put("ruleId", "r")
                .put("subject", "s").put("at", "2026-11-02T11:00:00Z");
        ObjectNode resolve = ack.deepCopy().put("type", "resolve").put("unit", "jz-d01-gov");

        assertThat(WarningResolution.fromAction(ack)).isEmpty();
        assertThat(WarningResolution.fromAction(resolve)).contains(new WarningResolution("w", "r", "s", "jz-d01-gov",
                java.time.OffsetDateTime.parse("2026-11-02T11:00:00Z")));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                WarningResolution.fromAction(resolve.deepCopy().putNull("subject"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");
    }

    private static WarningResolution resolve(Warning w, String at) {
        ObjectNode a = JSON.createObjectNode().put("type", "resolve").put("warningId", w.warningId())
                .put("ruleId", w.ruleId()).put("subject", w.subject()).put("unit", "jz-d01-gov").put("at", at);
        return WarningResolution.fromAction(a).orElseThrow();
    }

    private static byte[] published(String rulesText) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", 2).put("rules", rulesText).put("routing", DEMO.routingText());
        return o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}

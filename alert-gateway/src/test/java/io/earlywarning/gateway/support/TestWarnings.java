package io.earlywarning.gateway.support;

import io.earlywarning.routing.RoutingTable;
import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.warning.RuleBundle;
import io.earlywarning.warning.Severity;
import io.earlywarning.warning.Warning;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Warnings as the stream app writes them, routed through the demo city's table. */
public final class TestWarnings {

    public static final RuleBundle DEMO = RuleBundle.load("demo-city");
    public static final RoutingTable TABLE = DEMO.routing();
    public static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 23, 9, 0, 0, 0, ZoneOffset.ofHours(8));

    private TestWarnings() {
    }

    public static UnitAssignment unit(String id, String role) {
        var u = TABLE.unit(id);
        return new UnitAssignment(u.id(), u.name(), u.kind(), u.sector(), role);
    }

    /**
     * A warning to {@code units}, acknowledgement due 1 h after it triggered, escalating to {@code escalateTo} at the
     * deadline and to the petition office 2 h later.
     */
    public static Warning warning(String id, int version, Severity severity, List<String> units, String escalateTo,
                                  List<String> accused, String title) {
        List<UnitAssignment> assigned = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            assigned.add(unit(units.get(i), i == 0 ? "territorial" : "sector"));
        }
        OffsetDateTime ack = T0.plusHours(1);
        List<Warning.Escalation> esc = List.of(
                new Warning.Escalation(ack, List.of(unit(escalateTo, "escalation"))),
                new Warning.Escalation(ack.plusHours(2), List.of(unit("jz-petition", "escalation"))));
        return new Warning(id, version, version == 1 ? "open" : "update", "SURGE", "estate-surge", 1, severity, T0,
                T0.plusMinutes(version), "surge:estate:旭辉紫金苑", "江北区", null, "旭辉紫金苑", "城乡建设", null,
                assigned, title, "旭辉紫金苑 24 小时内 12 人反映逾期交房", new Warning.Evidence(List.of("hotline:GD1", "online:W2"),
                List.of(), 12, 1.5, 1e-9, List.of("SURGE:estate:旭辉紫金苑"), null, accused), ack, esc, List.of(), null);
    }

    public static Warning surge(String id, List<String> units) {
        return warning(id, 1, Severity.ORANGE, units, "jz-gov", List.of(), "旭辉紫金苑信访量激增");
    }

    public static Instant received() {
        return T0.toInstant();
    }

    /** A hotline case at 旭辉紫金苑 as the stream app writes it on {@code cases}. */
    public static io.earlywarning.domain.Case aCase(String id, OffsetDateTime at, String text) {
        return new io.earlywarning.domain.Case(id, "hotline", at, "江北区", "城关街道", "旭辉紫金苑", "旭辉紫金苑", "城乡建设",
                "source", "housing", "逾期交房", text, "pseudonym-" + id, 1, false, null);
    }
}

package io.earlywarning.warning.stream;

import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.warning.ActiveRules;
import io.earlywarning.warning.Warning;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Meters of the warning stage and of rule publishing; names documented in {@code docs/metrics.md}. */
public final class WarningMetrics {

    public static final String WARNINGS = "ew.warnings";
    public static final String RULES_VERSION = "ew.rules.active.version";
    public static final String RULES_OFFERED = "ew.rules.published";
    public static final String ROUTED = "ew.warnings.routed";

    private final MeterRegistry registry;

    public WarningMetrics(MeterRegistry registry, ActiveRules rules) {
        this.registry = registry;
        Gauge.builder(RULES_VERSION, rules, r -> r.get().version())
                .description("Version of the warning rule set this instance applies").register(registry);
        // At 0 from the start: the first rejected rule set must be an increase an alert can see.
        for (String outcome : new String[]{"applied", "rejected", "ignored"}) {
            ruleSets(outcome);
        }
    }

    /**
     * A warning version: {@code status} open, update or subsided. A new warning also counts once for each unit it is
     * routed to (属地 and 行业 both), so a dashboard shows which units receive what.
     */
    public void warning(Warning w) {
        Counter.builder(WARNINGS).description("Warning versions written to topic warnings, by type, rule, severity and status")
                .tag("type", w.type()).tag("rule", w.ruleId()).tag("severity", w.severity().id()).tag("status", w.status())
                .register(registry).increment();
        if ("open".equals(w.status())) {
            for (UnitAssignment unit : w.units()) {
                Counter.builder(ROUTED).description("New warnings by responsible unit it was routed to, role, type and severity")
                        .tag("unit", unit.id()).tag("role", unit.role()).tag("type", w.type())
                        .tag("severity", w.severity().id()).register(registry).increment();
            }
        }
    }

    /** A published rule set this instance read: {@code outcome} applied, rejected or ignored. */
    public void ruleSet(String outcome) {
        ruleSets(outcome).increment();
    }

    private Counter ruleSets(String outcome) {
        return Counter.builder(RULES_OFFERED).description("Published rule sets read from topic rules, by outcome (applied, rejected, ignored)")
                .tag("outcome", outcome).register(registry);
    }
}

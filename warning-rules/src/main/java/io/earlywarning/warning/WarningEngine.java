package io.earlywarning.warning;

import io.earlywarning.routing.ResponsibleUnit;
import io.earlywarning.routing.Router;
import io.earlywarning.routing.RoutingTable;
import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.state.KeyedMemory;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns signals into warnings through the active rule set: for each rule a signal satisfies, a new warning or the
 * next version of the open one on the same subject. Pure: the stream keeps {@link Memory} in a changelogged store,
 * the backtest and {@code rules test} in a map.
 */
public final class WarningEngine {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final int MAX_CASE_IDS = 500;
    private static final String RESOLVED = "resolved";

    private final Supplier<RuleBundle> rules;
    private final KeyedMemory<Warning> memory;

    /**
     * @param rules  the active rule bundle, asked at every signal so that a published set applies at once
     * @param memory the open warning of each rule and subject, keyed {@code <ruleId>|<subject>}
     */
    public WarningEngine(Supplier<RuleBundle> rules, KeyedMemory<Warning> memory) {
        this.rules = rules;
        this.memory = memory;
    }

    /** The warnings (new ones and new versions) this signal raises; empty for most signals. */
    public List<Warning> onSignal(SignalView s) {
        RuleBundle bundle = rules.get();
        WarningRuleSet set = bundle.rules();
        OffsetDateTime at = s.at().withOffsetSameInstant(set.zoneOffset());
        WarningRuleSet.SensitivePeriod periodOnDay = set.sensitivePeriodOn(at.toLocalDate());
        List<Warning> out = new ArrayList<>(1);
        for (WarningRuleSet.Rule rule : set.rules()) {
            WarningRuleSet.SensitivePeriod period = rule.tightenInSensitivePeriods() ? periodOnDay : null;
            double factor = period == null ? 1 : period.thresholdFactor();
            String key = rule.id() + "|" + s.subject();
            Warning open = memory.get(key);
            boolean resolved = open != null && RESOLVED.equals(open.status());
            if (resolved && open.evidence().signalIds().contains(s.signalId())) {
                // The resolved matter's own signal growing or closing: the officer has settled it.
                continue;
            }
            // A warning stays the one for its subject while signals keep coming within the aggregation window, even
            // after its surge closed: a surge that flaps (closes, reopens next day) stays one warning, not three.
            boolean live = open != null && !resolved && !at.isAfter(open.updatedAt().plus(rule.aggregation()));
            if ("closed".equals(s.status())) {
                if (live && !"subsided".equals(open.status()) && Objects.equals(s.signalId(), lastSignal(open))) {
                    Warning w = withStatus(open, "subsided", at);
                    memory.put(key, w);
                    out.add(w);
                }
                continue;
            }
            if (!rule.when().tightened(factor).matches(s)) {
                continue;
            }
            Severity severity = rule.severity();
            for (WarningRuleSet.Upgrade u : rule.upgrades()) {
                if (u.when().tightened(factor).matches(s)) {
                    severity = severity.max(u.severity());
                }
            }
            if (period != null) {
                severity = severity.raised(period.raiseSeverity());
            }
            Warning w = live ? grow(open, s, severity, at, bundle, rule) : raise(s, severity, at, bundle, rule, period);
            if (w != null) {
                memory.put(key, w);
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The last version of a warning an officer resolved (办结), or empty when it is not the open warning of its rule
     * and subject any more (already resolved, superseded by a newer warning, or forgotten).
     */
    public Optional<Warning> onResolution(WarningResolution r) {
        String key = r.ruleId() + "|" + r.subject();
        Warning open = memory.get(key);
        if (open == null || !open.warningId().equals(r.warningId()) || RESOLVED.equals(open.status())) {
            return Optional.empty();
        }
        OffsetDateTime at = r.at().isAfter(open.updatedAt()) ? r.at().withOffsetSameInstant(open.updatedAt().getOffset())
                : open.updatedAt();
        Warning w = withStatus(open, RESOLVED, at);
        memory.put(key, w);
        return Optional.of(w);
    }

    private Warning raise(SignalView s, Severity severity, OffsetDateTime at, RuleBundle bundle,
                          WarningRuleSet.Rule rule, WarningRuleSet.SensitivePeriod period) {
        Warning.Evidence evidence = new Warning.Evidence(cap(s.caseIds()), s.spans(), s.observed(), s.expected(),
                s.score(), List.of(s.signalId()), s.threatCategory(), s.accusedUnits());
        String id = rule.id() + ":" + s.subject() + ":" + ID_TIME.format(at);
        return assemble(id, 1, "open", s, severity, at, at, evidence, bundle, rule, period == null ? null : period.name(),
                at.plus(bundle.rules().acknowledgeWithin(severity)));
    }

    private Warning grow(Warning open, SignalView s, Severity severity, OffsetDateTime at, RuleBundle bundle,
                         WarningRuleSet.Rule rule) {
        Warning.Evidence e = open.evidence();
        List<String> caseIds = cap(union(e.caseIds(), s.caseIds()));
        Severity newSeverity = open.severity().max(severity);
        boolean grew = caseIds.size() > e.caseIds().size() || newSeverity != open.severity()
                || !Objects.equals(s.observed(), e.observed());
        if (!grew) {
            return null;
        }
        List<SignalView.Span> spans = new ArrayList<>(e.spans());
        s.spans().stream().filter(x -> !spans.contains(x)).forEach(spans::add);
        Warning.Evidence evidence = new Warning.Evidence(caseIds, List.copyOf(spans),
                s.observed() != null ? s.observed() : e.observed(), s.expected() != null ? s.expected() : e.expected(),
                s.score() != null ? s.score() : e.score(), union(e.signalIds(), List.of(s.signalId())),
                e.threatCategory() != null ? e.threatCategory() : s.threatCategory(),
                union(e.accusedUnits(), s.accusedUnits()));
        OffsetDateTime ackBy = open.acknowledgeBy();
        if (newSeverity != open.severity()) {
            OffsetDateTime sooner = at.plus(bundle.rules().acknowledgeWithin(newSeverity));
            ackBy = sooner.isBefore(ackBy) ? sooner : ackBy;
        }
        return assemble(open.warningId(), open.version() + 1, "update", s, newSeverity, open.triggeredAt(), at, evidence,
                bundle, rule, open.sensitivePeriod(), ackBy);
    }

    private Warning assemble(String id, int version, String status, SignalView s, Severity severity,
                             OffsetDateTime triggeredAt, OffsetDateTime at, Warning.Evidence evidence,
                             RuleBundle bundle, WarningRuleSet.Rule rule, String period, OffsetDateTime ackBy) {
        RoutingTable table = bundle.routing();
        Router.Routing routing = new Router(table).route(new Router.Request(s.district(), s.town(),
                sectorOf(s), rule.route().contains("territorial"), rule.route().contains("town"),
                rule.route().contains("sector"),
                rule.route().contains("public-security"),
                rule.route().contains("joint-office") ? 1 : bundle.rules().jointOfficeFrom(), evidence.accusedUnits()));
        Map<String, String> values = values(s, evidence, period);
        String title = WarningRuleSet.fill(rule.title(), values);
        String summary = rule.summary() == null ? defaultSummary(s, evidence, severity, values)
                : WarningRuleSet.fill(rule.summary(), values);
        return new Warning(id, version, status, s.type(), rule.id(), bundle.version(), severity, triggeredAt, at,
                s.subject(), s.district(), s.town(), s.estate(), s.category(), s.clusterId(), routing.units(), title,
                summary, evidence, ackBy, escalation(bundle, routing, ackBy), routing.notes(), period);
    }

    private static String sectorOf(SignalView s) {
        if (s.sector() != null) {
            return s.sector();
        }
        return s.category() == null ? null
                : io.earlywarning.domain.Category.fromLabel(s.category()).map(io.earlywarning.domain.Category::sector)
                .orElse(null);
    }

    private static List<Warning.Escalation> escalation(RuleBundle bundle, Router.Routing routing, OffsetDateTime ackBy) {
        RoutingTable table = bundle.routing();
        List<Warning.Escalation> steps = new ArrayList<>();
        for (WarningRuleSet.EscalationStep step : bundle.rules().escalation()) {
            Map<String, UnitAssignment> units = new LinkedHashMap<>();
            List<ResponsibleUnit> targets = new ArrayList<>();
            switch (step.to()) {
                case "superiors" -> {
                    for (UnitAssignment a : routing.units()) {
                        table.superiors(a.id()).stream().filter(u -> routing.allows(table, u.id())).findFirst()
                                .ifPresent(targets::add);
                    }
                }
                case "petition-office" -> targets.add(table.unit(table.petitionOffice()));
                case "joint-office" -> targets.add(table.unit(table.jointOffice()));
                default -> targets.add(table.unit(step.to()));
            }
            for (ResponsibleUnit u : targets) {
                boolean alreadyReceives = routing.units().stream().anyMatch(a -> a.id().equals(u.id()));
                if (!alreadyReceives && routing.allows(table, u.id())) {
                    units.putIfAbsent(u.id(), new UnitAssignment(u.id(), u.name(), u.kind(), u.sector(), "escalation"));
                }
            }
            if (!units.isEmpty()) {
                steps.add(new Warning.Escalation(ackBy.plus(DurationText.parse(step.after(), "escalation")),
                        List.copyOf(units.values())));
            }
        }
        return List.copyOf(steps);
    }

    private static Map<String, String> values(SignalView s, Warning.Evidence e, String period) {
        Map<String, String> v = new HashMap<>();
        String place = s.estate() != null ? s.estate()
                : s.district() == null ? null : s.district() + (s.town() == null ? "" : s.town());
        v.put("place", place == null ? "全市" : place);
        v.put("estate", s.estate());
        v.put("district", s.district());
        v.put("town", s.town());
        v.put("category", s.category() == null ? "各类" : s.category());
        v.put("observed", e.observed() == null ? null : String.valueOf(e.observed()));
        v.put("expected", e.expected() == null ? null : String.format(Locale.ROOT, "%.1f", e.expected()));
        v.put("ratio", e.observed() == null || e.expected() == null || e.expected() <= 0 ? null
                : String.format(Locale.ROOT, "%.1f", e.observed() / e.expected()));
        v.put("caseCount", String.valueOf(e.caseIds().size()));
        v.put("threatCategory", e.threatCategory() == null ? null : switch (e.threatCategory()) {
            case "self_harm" -> "自伤自杀";
            case "violence" -> "暴力伤人";
            default -> "纵火爆炸";
        });
        v.put("threatSeverity", s.threatSeverity());
        v.put("clusterSize", s.clusterSize() == null ? null : String.valueOf(s.clusterSize()));
        v.put("subject", s.representativeSubject());
        v.put("key", s.key());
        v.put("repeatCount", s.repeatCount() == null ? null : String.valueOf(s.repeatCount()));
        v.put("period", period);
        return v;
    }

    private static String defaultSummary(SignalView s, Warning.Evidence e, Severity severity, Map<String, String> v) {
        StringBuilder b = new StringBuilder(severity.label()).append("预警：");
        b.append(v.get("place"));
        if (e.observed() != null && e.expected() != null) {
            b.append("，").append(e.observed()).append("人反映，基线预期").append(v.get("expected")).append("人");
        }
        b.append("，涉及案件").append(e.caseIds().size()).append("件");
        if (!e.spans().isEmpty()) {
            b.append("，扬言内容：「").append(e.spans().get(0).text()).append("」");
        }
        return b.append("。").toString();
    }

    private static Warning withStatus(Warning w, String status, OffsetDateTime at) {
        return new Warning(w.warningId(), w.version() + 1, status, w.type(), w.ruleId(), w.ruleSetVersion(), w.severity(),
                w.triggeredAt(), at, w.subject(), w.district(), w.town(), w.estate(), w.category(), w.clusterId(),
                w.units(), w.title(), w.summary(), w.evidence(), w.acknowledgeBy(), w.escalation(), w.routingNotes(),
                w.sensitivePeriod());
    }

    private static String lastSignal(Warning w) {
        List<String> ids = w.evidence().signalIds();
        return ids.isEmpty() ? null : ids.get(ids.size() - 1);
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    private static List<String> cap(List<String> ids) {
        return ids.size() <= MAX_CASE_IDS ? ids : List.copyOf(ids.subList(ids.size() - MAX_CASE_IDS, ids.size()));
    }
}

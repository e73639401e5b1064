package io.earlywarning.warning;

import io.earlywarning.domain.Category;
import io.earlywarning.domain.Channel;
import io.earlywarning.rulesfile.YamlFile;
import io.earlywarning.surge.SurgeKeyType;
import io.earlywarning.threat.ThreatCategory;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The warning rules analysts tune ({@code rules.yaml}): which signals become warnings, how urgent, for whom, how
 * long a unit has to acknowledge and who is told when nobody does. Format and examples in {@code docs/rules.md}.
 *
 * @param version          rule-set version, stamped on every warning; a published set must raise it
 * @param routing          the routing table file, relative to this file (or {@code bundled:<city>})
 * @param threats          the threat lexicon file, relative to this file, or {@code bundled}
 * @param acknowledge      acknowledgement deadline per severity ({@code 15m}, {@code 4h} …)
 * @param escalation       who is told, and when, after a deadline passes unacknowledged
 * @param jointOfficeFrom  the joint office (联席办) joins a warning that goes to this many units or more; 0 never
 * @param sensitivePeriods date ranges that tighten every rule's thresholds
 * @param zeroReport       the daily digest, sent even when there is nothing to report (零报告)
 */
public record WarningRuleSet(int version, String name, String zone, String routing, String threats,
                             Map<String, String> acknowledge, List<EscalationStep> escalation, int jointOfficeFrom,
                             List<SensitivePeriod> sensitivePeriods, ZeroReport zeroReport, List<Rule> rules) {

    private static final String KIND = "warning rules";

    public WarningRuleSet {
        sensitivePeriods = sensitivePeriods == null ? List.of() : List.copyOf(sensitivePeriods);
        escalation = escalation == null ? List.of() : List.copyOf(escalation);
        rules = rules == null ? List.of() : List.copyOf(rules);
        threats = threats == null ? "bundled" : threats;
    }

    /**
     * One rule: a condition on signals, the warning it raises, and where the warning goes.
     *
     * @param aggregate signals for the same subject within this long of the warning's last update update the warning
     *                  instead of raising another ({@code 72h})
     * @param route     any of {@code territorial} (the district's 属地 unit), {@code town} (the street office or town
     *                  government too), {@code sector}, {@code public-security}, {@code joint-office}
     * @param upgrades  conditions that raise the severity, checked in order; the highest that holds wins
     * @param title     Chinese title template; placeholders in braces, see {@link #PLACEHOLDERS}
     * @param tightenInSensitivePeriods whether sensitive periods tighten this rule (default true; false for rules
     *                  whose lower threshold would only add noise, like a second repeat petition)
     */
    public record Rule(String id, String description, Condition when, Severity severity, List<Upgrade> upgrades,
                       List<String> route, String aggregate, String title, String summary,
                       Boolean tightenInSensitivePeriods) {
        public Rule {
            upgrades = upgrades == null ? List.of() : List.copyOf(upgrades);
            route = route == null ? List.of() : List.copyOf(route);
            tightenInSensitivePeriods = tightenInSensitivePeriods == null || tightenInSensitivePeriods;
        }

        public Duration aggregation() {
            return DurationText.parse(aggregate, "rule " + id + ": aggregate");
        }
    }

    public record Upgrade(Condition when, Severity severity) {
    }

    /**
     * Every field that is set must hold (absent fields match anything).
     *
     * @param maxScore       the detector's score at most this (a p-value: smaller is stronger)
     * @param minObserved    at least this many counted petitioners in the surge window
     * @param minRatio       observed at least this many times the expected
     * @param channels       at least one evidence case came by one of these channels
     */
    public record Condition(String type, List<String> status, List<String> keyTypes, List<String> keys,
                            List<String> districts, List<String> categories, List<String> channels,
                            List<String> threatCategories, List<String> threatSeverities, Double maxScore,
                            Integer minObserved, Double minRatio, Integer minClusterSize, Integer minRepeatCount) {

        /** The condition with its thresholds tightened by {@code factor} in (0, 1]: fewer cases are enough. */
        public Condition tightened(double factor) {
            if (factor >= 1) {
                return this;
            }
            return new Condition(type, status, keyTypes, keys, districts, categories, channels, threatCategories,
                    threatSeverities, maxScore == null ? null : Math.min(1, maxScore / factor), scale(minObserved, factor),
                    minRatio == null ? null : 1 + (minRatio - 1) * factor, scale(minClusterSize, factor),
                    scale(minRepeatCount, factor));
        }

        private static Integer scale(Integer n, double factor) {
            return n == null ? null : Math.max(1, (int) Math.ceil(n * factor));
        }

        public boolean matches(SignalView s) {
            return (type == null || type.equals(s.type()))
                    && in(status == null ? List.of("open", "update") : status, s.status())
                    && in(keyTypes, s.keyType())
                    && (keys == null || keys.stream().anyMatch(k -> keyMatches(k, s)))
                    && in(districts, s.district())
                    && in(categories, s.category())
                    && (channels == null || s.channels().stream().anyMatch(channels::contains))
                    && in(threatCategories, s.threatCategory())
                    && in(threatSeverities, s.threatSeverity())
                    && (maxScore == null || s.score() != null && s.score() <= maxScore)
                    && (minObserved == null || s.observed() != null && s.observed() >= minObserved)
                    && (minRatio == null || s.ratio() != null && s.ratio() >= minRatio)
                    && (minClusterSize == null || s.clusterSize() != null && s.clusterSize() >= minClusterSize)
                    && (minRepeatCount == null || s.repeatCount() != null && s.repeatCount() >= minRepeatCount);
        }

        private static boolean keyMatches(String pattern, SignalView s) {
            String key = s.key() != null ? s.key() : s.estate();
            if (key == null) {
                return false;
            }
            return pattern.endsWith("*") ? key.startsWith(pattern.substring(0, pattern.length() - 1)) : key.equals(pattern);
        }

        private static boolean in(List<String> allowed, String value) {
            return allowed == null || value != null && allowed.contains(value);
        }
    }

    /**
     * @param after how long after the acknowledgement deadline this step fires
     * @param to    {@code superiors} (each receiving unit's superior), {@code petition-office}, {@code joint-office},
     *              or a unit id
     */
    public record EscalationStep(String after, String to) {
    }

    /**
     * A sensitive period (敏感时期): every rule's thresholds multiplied by {@code thresholdFactor} (0.5 = half the
     * cases are enough) and severities raised by {@code raiseSeverity} levels, from..to inclusive.
     */
    public record SensitivePeriod(String name, LocalDate from, LocalDate to, double thresholdFactor, int raiseSeverity) {
    }

    /**
     * The daily digest (日报) with zero-report (零报告): at {@code at} local time each unit in {@code units}
     * ({@code territorial}, {@code all} or a list of ids) is sent its day's warnings, or that there were none.
     */
    public record ZeroReport(String at, List<String> units) {
    }

    /** Placeholders a title or summary may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("place", "estate", "district", "town", "category", "observed",
            "expected", "ratio", "caseCount", "threatCategory", "threatSeverity", "clusterSize", "subject", "key",
            "repeatCount", "period");

    /** What a rule may route to. */
    public static final List<String> ROUTES = List.of("territorial", "town", "sector", "public-security", "joint-office");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    public static WarningRuleSet parse(String yaml, String source) {
        WarningRuleSet set;
        try {
            set = YamlFile.parse(yaml, WarningRuleSet.class, KIND, source);
        } catch (YamlFile.InvalidFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new YamlFile.InvalidFileException(KIND, source, e.getMessage());
        }
        set.validate(source);
        return set;
    }

    public ZoneOffset zoneOffset() {
        return ZoneOffset.of(zone);
    }

    /** Acknowledgement deadline of a severity. */
    public Duration acknowledgeWithin(Severity s) {
        return DurationText.parse(acknowledge.get(s.id()), "acknowledge." + s.id());
    }

    /** The sensitive period a local date falls in, or null. */
    public SensitivePeriod sensitivePeriodOn(LocalDate day) {
        for (SensitivePeriod p : sensitivePeriods) {
            if (!day.isBefore(p.from()) && !day.isAfter(p.to())) {
                return p;
            }
        }
        return null;
    }

    private void validate(String source) {
        require(source, version >= 1, "version must be 1 or more");
        require(source, name != null && !name.isBlank(), "name is missing");
        try {
            ZoneOffset.of(zone);
        } catch (RuntimeException e) {
            throw new YamlFile.InvalidFileException(KIND, source, "zone '" + zone + "' is not an offset like +08:00");
        }
        require(source, routing != null && !routing.isBlank(), "routing (the routing table file) is missing");
        require(source, acknowledge != null, "acknowledge is missing");
        Map<Severity, Duration> deadlines = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            require(source, acknowledge.containsKey(s.id()), "acknowledge." + s.id() + " is missing");
            deadlines.put(s, check(source, () -> acknowledgeWithin(s)));
        }
        for (String k : acknowledge.keySet()) {
            check(source, () -> Severity.fromId(k));
        }
        for (int i = 1; i < Severity.values().length; i++) {
            require(source, deadlines.get(Severity.values()[i]).compareTo(deadlines.get(Severity.values()[i - 1])) <= 0,
                    "acknowledge." + Severity.values()[i].id() + " must not be longer than acknowledge."
                            + Severity.values()[i - 1].id() + ": a higher severity is answered sooner");
        }
        for (int i = 0; i < escalation.size(); i++) {
            EscalationStep e = escalation.get(i);
            String at = "escalation[" + i + "]";
            check(source, () -> DurationText.parse(e.after(), at + ".after"));
            require(source, e.to() != null && !e.to().isBlank(), at + ".to is missing");
        }
        require(source, jointOfficeFrom >= 0, "jointOfficeFrom must be 0 (never) or more");
        for (SensitivePeriod p : sensitivePeriods) {
            require(source, p.from() != null && p.to() != null && !p.to().isBefore(p.from()),
                    "sensitive period " + p.name() + ": to is before from");
            require(source, p.thresholdFactor() > 0 && p.thresholdFactor() <= 1,
                    "sensitive period " + p.name() + ": thresholdFactor must be in (0, 1]");
            require(source, p.raiseSeverity() >= 0 && p.raiseSeverity() <= 3,
                    "sensitive period " + p.name() + ": raiseSeverity must be 0 to 3");
        }
        if (zeroReport != null) {
            check(source, () -> LocalTime.parse(zeroReport.at()));
            require(source, zeroReport.units() != null && !zeroReport.units().isEmpty(), "zeroReport.units is missing");
        }
        require(source, !rules.isEmpty(), "rules must hold at least one rule");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String at = "rules[" + i + "]" + (r.id() == null ? "" : " (" + r.id() + ")");
            require(source, r.id() != null && r.id().matches("[a-z0-9][a-z0-9-]*"),
                    at + ": id must be lower-case letters, digits and dashes");
            require(source, ids.add(r.id()), at + ": id is used twice");
            require(source, r.when() != null, at + ": when is missing");
            require(source, r.when().type() != null, at + ": when.type is missing (one of " + SignalView.TYPES + ")");
            validate(source, at + ".when", r.when());
            require(source, r.severity() != null, at + ": severity is missing");
            for (int u = 0; u < r.upgrades().size(); u++) {
                Upgrade up = r.upgrades().get(u);
                require(source, up.when() != null && up.severity() != null, at + ".upgrades[" + u + "] needs when and severity");
                validate(source, at + ".upgrades[" + u + "].when", up.when());
            }
            require(source, !r.route().isEmpty(), at + ": route must name at least one of " + ROUTES);
            for (String route : r.route()) {
                require(source, ROUTES.contains(route), at + ": route '" + route + "' is not one of " + ROUTES);
            }
            check(source, r::aggregation);
            require(source, r.title() != null && !r.title().isBlank(), at + ": title is missing");
            template(source, at + ".title", r.title());
            if (r.summary() != null) {
                template(source, at + ".summary", r.summary());
            }
        }
    }

    private static void validate(String source, String at, Condition c) {
        require(source, c.type() == null || SignalView.TYPES.contains(c.type()),
                at + ".type '" + c.type() + "' is not one of " + SignalView.TYPES);
        each(source, at + ".status", c.status(), Set.of("open", "update", "closed"));
        if (c.keyTypes() != null) {
            for (String k : c.keyTypes()) {
                check(source, () -> SurgeKeyType.fromId(k));
            }
        }
        if (c.categories() != null) {
            for (String k : c.categories()) {
                require(source, Category.fromLabel(k).map(x -> x.label().equals(k)).orElse(false),
                        at + ".categories: '" + k + "' is not a category label (城乡建设, 劳动和社会保障 …)");
            }
        }
        if (c.channels() != null) {
            for (String k : c.channels()) {
                check(source, () -> Channel.fromId(k));
            }
        }
        if (c.threatCategories() != null) {
            for (String k : c.threatCategories()) {
                check(source, () -> ThreatCategory.fromId(k));
            }
        }
        each(source, at + ".threatSeverities", c.threatSeverities(), Set.of("low", "medium", "high", "critical"));
        require(source, c.maxScore() == null || c.maxScore() > 0 && c.maxScore() <= 1, at + ".maxScore must be in (0, 1]");
        require(source, c.minObserved() == null || c.minObserved() >= 1, at + ".minObserved must be 1 or more");
        require(source, c.minRatio() == null || c.minRatio() >= 1, at + ".minRatio must be 1 or more");
        require(source, c.minClusterSize() == null || c.minClusterSize() >= 2, at + ".minClusterSize must be 2 or more");
        require(source, c.minRepeatCount() == null || c.minRepeatCount() >= 2, at + ".minRepeatCount must be 2 or more");
    }

    private static void each(String source, String at, List<String> values, Set<String> allowed) {
        if (values != null) {
            for (String v : values) {
                require(source, allowed.contains(v), at + ": '" + v + "' is not one of " + allowed);
            }
        }
    }

    private static void template(String source, String at, String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            require(source, PLACEHOLDERS.contains(m.group(1)),
                    at + ": unknown placeholder {" + m.group(1) + "}; use " + PLACEHOLDERS.stream().sorted().toList());
        }
    }

    private static <T> T check(String source, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new YamlFile.InvalidFileException(KIND, source, e.getMessage());
        }
    }

    private static void require(String source, boolean ok, String message) {
        if (!ok) {
            throw new YamlFile.InvalidFileException(KIND, source, message);
        }
    }

    /** Fills a title or summary template; an unknown value reads as 未知. */
    public static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? "未知" : v));
        }
        m.appendTail(b);
        return b.toString();
    }
}

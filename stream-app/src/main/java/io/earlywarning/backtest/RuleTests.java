package io.earlywarning.backtest;

import io.earlywarning.state.KeyedMemory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.earlywarning.domain.Case;
import io.earlywarning.place.EstateNames;
import io.earlywarning.routing.AccusedUnitMention;
import io.earlywarning.routing.UnitAssignment;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.warning.RuleBundle;
import io.earlywarning.warning.SignalView;
import io.earlywarning.warning.Warning;
import io.earlywarning.warning.WarningEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Unit tests for warning rules, in the spirit of {@code promtool test rules}: given signals (as on topic
 * {@code signals}) or cases (run through the detection stages), the warnings expected. Offline; each failure is a
 * readable difference between what was expected and what the rules raised. Format in {@code docs/rules.md}.
 */
public final class RuleTests {

    /** The outcome of one test: passed, or the differences found. */
    public record Outcome(String name, List<String> differences) {
        public boolean passed() {
            return differences.isEmpty();
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> EXPECTABLE = Set.of("ruleId", "severity", "status", "subject", "units", "notUnits",
            "title", "estate", "district", "type", "caseCount");

    private RuleTests() {
    }

    /** Runs a test file; {@code rulesOverride} replaces the file's {@code rules} when not null. */
    public static List<Outcome> run(Path file, String rulesOverride) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read rule tests " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("tests").isArray()) {
            throw new IllegalArgumentException(file + ": expected a mapping with 'rules' and a list 'tests'");
        }
        String rules = rulesOverride != null ? rulesOverride : root.path("rules").asText("demo-city");
        RuleBundle bundle = RuleBundle.load(RuleBundle.BUNDLED.contains(rules) ? rules
                : file.toAbsolutePath().getParent().resolve(rules).toString());
        List<Outcome> outcomes = new ArrayList<>();
        int i = 0;
        for (JsonNode test : root.path("tests")) {
            i++;
            String name = test.path("name").asText("test " + i);
            try {
                outcomes.add(new Outcome(name, differences(test, actual(test, bundle))));
            } catch (RuntimeException e) {
                outcomes.add(new Outcome(name, List.of("cannot run: " + e.getMessage())));
            }
        }
        return outcomes;
    }

    private static List<Warning> actual(JsonNode test, RuleBundle bundle) {
        List<Warning> versions = new ArrayList<>();
        if (test.has("signals")) {
            WarningEngine engine = new WarningEngine(() -> bundle, KeyedMemory.inMemory());
            for (JsonNode s : test.path("signals")) {
                versions.addAll(engine.onSignal(SignalView.from(s)));
            }
        }
        if (test.has("cases")) {
            OfflinePipeline pipeline = new OfflinePipeline(SurgeRules.bundled(), List.of(bundle), Set.of());
            OffsetDateTime last = null;
            for (JsonNode c : test.path("cases")) {
                Case aCase = caseOf(c);
                pipeline.accept(aCase);
                last = aCase.receivedAt();
            }
            if (last != null) {
                pipeline.finish(last.toEpochSecond());
            }
            versions.addAll(pipeline.warnings(0));
        }
        return Backtest.lastVersions(versions);
    }

    /** A case as a test writes it: {@code id}, {@code receivedAt} and {@code text} required. */
    static Case caseOf(JsonNode j) {
        for (String f : List.of("id", "receivedAt", "text")) {
            if (!j.hasNonNull(f)) {
                throw new IllegalArgumentException("a case needs '" + f + "': " + j);
            }
        }
        String channel = j.path("channel").asText("hotline");
        String estate = text(j, "estate");
        String subject = text(j, "subject");
        String text = j.path("text").asText();
        String accused = text(j, "accusedUnit");
        if (accused == null) {
            accused = AccusedUnitMention.find(subject).or(() -> AccusedUnitMention.find(text)).orElse(null);
        }
        int headcount = Math.max(1, j.path("headcount").asInt(1));
        String category = text(j, "category");
        return new Case(channel + ":" + j.path("id").asText(), channel, OffsetDateTime.parse(j.path("receivedAt").asText()),
                text(j, "district"), text(j, "town"), estate, estate == null ? null : EstateNames.key(estate), category,
                "source", io.earlywarning.domain.Category.fromLabel(category).map(io.earlywarning.domain.Category::sector)
                .orElse(null), subject, text, j.path("petitionerKey").asText(j.path("id").asText()), headcount,
                headcount >= Case.COLLECTIVE_HEADCOUNT, accused);
    }

    private static List<String> differences(JsonNode test, List<Warning> actual) {
        List<String> diffs = new ArrayList<>();
        Set<Integer> matched = new HashSet<>();
        int n = 0;
        for (JsonNode expected : test.path("expected")) {
            n++;
            for (var it = expected.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!EXPECTABLE.contains(f)) {
                    throw new IllegalArgumentException("expected warning " + n + ": unknown field '" + f + "' (use "
                            + EXPECTABLE.stream().sorted().toList() + ")");
                }
            }
            String rule = expected.path("ruleId").asText(null);
            int best = -1;
            List<String> bestDiff = null;
            for (int i = 0; i < actual.size(); i++) {
                if (matched.contains(i) || rule != null && !rule.equals(actual.get(i).ruleId())) {
                    continue;
                }
                List<String> d = compare(expected, actual.get(i));
                if (bestDiff == null || d.size() < bestDiff.size()) {
                    best = i;
                    bestDiff = d;
                }
            }
            if (best < 0) {
                diffs.add("missing warning " + n + ": " + expected);
            } else {
                matched.add(best);
                for (String d : bestDiff) {
                    diffs.add("warning " + n + " (" + actual.get(best).warningId() + "): " + d);
                }
            }
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!matched.contains(i)) {
                Warning w = actual.get(i);
                diffs.add("unexpected warning: " + w.ruleId() + " " + w.severity().id() + " " + w.subject() + " → "
                        + w.units().stream().map(UnitAssignment::id).toList() + " 「" + w.title() + "」");
            }
        }
        return diffs;
    }

    private static List<String> compare(JsonNode e, Warning w) {
        List<String> d = new ArrayList<>();
        check(d, e, "severity", w.severity().id());
        check(d, e, "status", w.status());
        check(d, e, "subject", w.subject());
        check(d, e, "title", w.title());
        check(d, e, "estate", w.estate());
        check(d, e, "district", w.district());
        check(d, e, "type", w.type());
        if (e.has("caseCount") && e.path("caseCount").asInt() != w.evidence().caseIds().size()) {
            d.add("caseCount: expected " + e.path("caseCount").asInt() + ", got " + w.evidence().caseIds().size());
        }
        List<String> units = w.units().stream().map(UnitAssignment::id).toList();
        if (e.has("units")) {
            List<String> want = new ArrayList<>();
            e.path("units").forEach(u -> want.add(u.asText()));
            if (!new HashSet<>(want).equals(new HashSet<>(units))) {
                d.add("units: expected " + want + ", got " + units);
            }
        }
        for (JsonNode u : e.path("notUnits")) {
            if (units.contains(u.asText())) {
                d.add("units: must not include " + u.asText() + ", got " + units);
            }
        }
        return d;
    }

    private static void check(List<String> d, JsonNode e, String field, String actual) {
        if (e.has(field) && !e.path(field).asText().equals(actual)) {
            d.add(field + ": expected " + e.path(field).asText() + ", got " + actual);
        }
    }

    private static String text(JsonNode j, String field) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}

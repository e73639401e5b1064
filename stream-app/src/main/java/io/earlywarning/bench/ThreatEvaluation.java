package io.earlywarning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.text.ChineseTextNormalizer;
import io.earlywarning.threat.ThreatAssessment;
import io.earlywarning.threat.ThreatCategory;
import io.earlywarning.threat.ThreatDetector;
import io.earlywarning.threat.ThreatRules;
import io.earlywarning.topology.JsonSerde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Threat flags against hand-written labelled sets (threats of each category, explicit, implicit, disguised and buried
 * in long complaints, and hard negatives of every kind the issue names), side by side with a plain keyword list: the
 * lexicon's acts and means as written, no context. Sets the rules were tuned on are told apart from the held-out one.
 */
public final class ThreatEvaluation {

    /** One labelled text: {@code label} a category id or {@code none}; {@code kind} threat, buried or the negative's kind. */
    public record Labelled(int id, String text, String label, String kind) {
    }

    /** Counts for one category: true positives, false positives (flagged as it, labelled otherwise), false negatives. */
    public record Score(int tp, int fp, int fn) {
        public double precision() {
            return tp + fp == 0 ? 1 : tp / (double) (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1 : tp / (double) (tp + fn);
        }
    }

    /** Scores per category and overall (threat or not), and the texts each method got wrong. */
    public record Result(String method, Map<String, Score> scores, List<String> wrong) {
    }

    private ThreatEvaluation() {
    }

    /**
     * One labelled file and whether the rules were tuned on it. {@code tuned}: the rules were changed after reading
     * the detector's mistakes on it, so its figures are optimistic. Held out: written after the rules were last
     * changed and never used to change them — the honest figure for text the rules have not seen.
     */
    public record LabelledSet(String file, boolean tuned, String written, List<Labelled> texts) {
    }

    /**
     * The labelled sets, oldest first. Each was written, measured once, and (except the newest) then used to tune
     * the rules; whoever tunes on the held-out set must write a new one.
     */
    public static List<LabelledSet> sets() {
        return List.of(
                new LabelledSet("threat-eval.jsonl", true, "before the harm-verb and resolve rules", read("threat-eval.jsonl")),
                new LabelledSet("threat-eval-b.jsonl", true, "before the subject and speech rules", read("threat-eval-b.jsonl")),
                new LabelledSet("threat-eval-c.jsonl", true, "after the subject and speech rules", read("threat-eval-c.jsonl")),
                new LabelledSet("threat-eval-d.jsonl", true, "before the means-used rule", read("threat-eval-d.jsonl")),
                new LabelledSet("threat-eval-e.jsonl", true, "after the means-used rule (held out until 2026-11-25)", read("threat-eval-e.jsonl")),
                new LabelledSet("threat-eval-f.jsonl", true, "before the resolve-word and fire-verb rules (held out until 2026-11-25)", read("threat-eval-f.jsonl")),
                new LabelledSet("threat-eval-g.jsonl", true, "before the construction rules (held out until 2026-11-25)", read("threat-eval-g.jsonl")),
                new LabelledSet("threat-eval-h.jsonl", true, "before the whereabouts rule (held out until 2026-12-07)", read("threat-eval-h.jsonl")),
                new LabelledSet("threat-eval-i.jsonl", true, "before the summary, negated-intent and subject rules (held out until 2026-12-07)", read("threat-eval-i.jsonl")),
                new LabelledSet("threat-eval-j.jsonl", true, "before the retraction and associates rules (held out until 2026-12-07)", read("threat-eval-j.jsonl")),
                new LabelledSet("threat-test.jsonl", false, "after the retraction and associates rules, before the sixth round", read("threat-test.jsonl")));
    }

    /** Every labelled text of every set. */
    public static List<Labelled> labelled() {
        return sets().stream().flatMap(s -> s.texts().stream()).toList();
    }

    private static List<Labelled> read(String file) {
        List<Labelled> out = new ArrayList<>();
        try (InputStream in = ThreatEvaluation.class.getResourceAsStream("/io/earlywarning/bench/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode j = JsonSerde.MAPPER.readTree(line);
                    out.add(new Labelled(j.path("id").asInt(), j.path("text").asText(), j.path("label").asText(),
                            j.path("kind").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The production detector. */
    public static Result detector(List<Labelled> set, ThreatDetector detector) {
        return score("detector", set, t -> {
            ThreatAssessment a = detector.assess(t);
            return a.threat() ? a.category().id() : "none";
        });
    }

    /** The baseline: the first act or means of the lexicon that appears as written (folded), whatever surrounds it. */
    public static Result keywordList(List<Labelled> set, ThreatRules rules) {
        Map<String, String> keywords = new LinkedHashMap<>();
        rules.acts().forEach((c, phrases) -> phrases.forEach(p -> keywords.put(ChineseTextNormalizer.fold(p), c.id())));
        rules.means().forEach((p, c) -> keywords.putIfAbsent(ChineseTextNormalizer.fold(p), c.id()));
        return score("keyword list", set, t -> {
            String folded = ChineseTextNormalizer.fold(t);
            int first = Integer.MAX_VALUE;
            String category = "none";
            for (Map.Entry<String, String> k : keywords.entrySet()) {
                int at = folded.indexOf(k.getKey());
                if (at >= 0 && at < first) {
                    first = at;
                    category = k.getValue();
                }
            }
            return category;
        });
    }

    private static Result score(String method, List<Labelled> set, Function<String, String> classify) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (ThreatCategory c : ThreatCategory.values()) {
            counts.put(c.id(), new int[3]);
        }
        counts.put("any threat", new int[3]);
        List<String> wrong = new ArrayList<>();
        for (Labelled l : set) {
            String got = classify.apply(l.text());
            if (!got.equals(l.label())) {
                wrong.add(String.format(Locale.ROOT, "%d [%s → %s] %s", l.id(), l.label(), got, l.text()));
            }
            for (ThreatCategory c : ThreatCategory.values()) {
                tally(counts.get(c.id()), got.equals(c.id()), l.label().equals(c.id()));
            }
            tally(counts.get("any threat"), !got.equals("none"), !l.label().equals("none"));
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        counts.forEach((k, v) -> scores.put(k, new Score(v[0], v[1], v[2])));
        return new Result(method, scores, wrong);
    }

    private static void tally(int[] c, boolean flagged, boolean labelled) {
        if (flagged && labelled) {
            c[0]++;
        } else if (flagged) {
            c[1]++;
        } else if (labelled) {
            c[2]++;
        }
    }
}

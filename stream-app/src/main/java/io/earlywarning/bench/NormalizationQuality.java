package io.earlywarning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.domain.Case;
import io.earlywarning.generator.GeneratedRecord;
import io.earlywarning.generator.GeneratedStream;
import io.earlywarning.intake.CaseNormalizer;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.intake.SourceRecordReader;
import io.earlywarning.topology.Topics;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How well intake's normalization recovers what the generator knows: district, town, estate and the inferred
 * category, compared with the ground truth case by case. Pure: no Kafka.
 */
public final class NormalizationQuality {

    /** Share of cases where the field equals the truth (over cases whose truth has a value), and how many. */
    public record Score(String field, int correct, int total, int wrongValue, int missing) {
        public double accuracy() {
            return total == 0 ? Double.NaN : (double) correct / total;
        }
    }

    private NormalizationQuality() {
    }

    public static Map<String, Score> measure(GeneratedStream stream, CaseNormalizer normalizer) {
        SourceRecordReader reader = new SourceRecordReader(1 << 20);
        Map<String, JsonNode> truth = new HashMap<>();
        stream.truth().path("cases").forEach(c -> truth.put(c.path("caseId").asText(), c));
        Map<String, int[]> counts = new java.util.LinkedHashMap<>();
        for (String f : new String[] {"district", "town", "estate", "category (inferred)"}) {
            counts.put(f, new int[4]);
        }
        for (GeneratedRecord r : stream.records()) {
            IntakeFormat format = Topics.formatOf(Topics.intakeTopic(r.channel())).orElseThrow();
            Case c = normalizer.normalize(reader.read(r.json().getBytes(StandardCharsets.UTF_8), format));
            JsonNode t = truth.get(r.caseId());
            count(counts.get("district"), t.path("district").asText(null), c.district());
            count(counts.get("town"), t.path("town").asText(null), c.town());
            count(counts.get("estate"), t.path("estate").asText(null), c.estate());
            if (CaseNormalizer.CATEGORY_INFERRED.equals(c.categorySource()) || c.category() == null) {
                count(counts.get("category (inferred)"), t.path("category").asText(null), c.category());
            }
        }
        Map<String, Score> scores = new java.util.LinkedHashMap<>();
        counts.forEach((f, n) -> scores.put(f, new Score(f, n[0], n[1], n[2], n[3])));
        return scores;
    }

    private static void count(int[] n, String expected, String actual) {
        if (expected == null) {
            return;
        }
        n[1]++;
        if (Objects.equals(expected, actual)) {
            n[0]++;
        } else if (actual == null) {
            n[3]++;
        } else {
            n[2]++;
        }
    }
}

package io.earlywarning.warning;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One signal from topic {@code signals} as the warning rules see it, whatever stage raised it: the fields rules
 * can test, the subject that warnings aggregate on, and the evidence.
 *
 * @param subject        what a warning is about: {@code surge:estate:…}, {@code case:…} (a threat),
 *                       {@code matter:…} (a repeat), {@code cluster:…}
 * @param at             event time this version of the signal is about (the case that made it fire or grow)
 * @param category       the complaint category (城乡建设 …), or null
 * @param threatCategory {@code self_harm}, {@code violence}, {@code arson_explosive} for a threat
 * @param spans          threat evidence spans (offsets into the case's text or subject)
 * @param accusedUnits   units the evidence cases accuse, as written
 */
public record SignalView(String signalId, String type, String status, int version, String subject, String keyType,
                         String key, List<String> caseIds, List<String> channels, String district, String town,
                         String estate, String category, String sector, OffsetDateTime detectedAt, OffsetDateTime at,
                         Integer observed, Double expected, Double score, String clusterId, Integer clusterSize,
                         String representativeSubject, String threatCategory, String threatSeverity,
                         List<Span> spans, Integer repeatCount, List<String> accusedUnits) {

    public static final Set<String> TYPES = Set.of("SURGE", "THREAT", "REPEAT", "CLUSTER_GROWTH");

    /** A threat evidence span in one case. */
    public record Span(String caseId, String field, int start, int end, String text) {
    }

    /** Reads a signal as the stages write it; throws {@link IllegalArgumentException} for an unknown shape. */
    public static SignalView from(JsonNode j) {
        String type = text(j, "type");
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("signal type '" + type + "' is not one of " + TYPES);
        }
        OffsetDateTime detectedAt = time(j, "detectedAt");
        OffsetDateTime updatedAt = time(j, "updatedAt");
        return switch (type) {
            case "SURGE" -> new SignalView(text(j, "signalId"), type, text(j, "status"), j.path("version").asInt(1),
                    "surge:" + text(j, "keyType") + ":" + text(j, "key"), text(j, "keyType"), text(j, "key"),
                    strings(j, "caseIds"), channels(strings(j, "caseIds")), text(j, "district"), text(j, "town"),
                    text(j, "estate"), text(j, "category"), null, detectedAt,
                    updatedAt == null ? detectedAt : updatedAt, j.path("observed").asInt(), j.path("expected").asDouble(),
                    j.path("score").asDouble(), null, null, null, null, null, List.of(), null,
                    strings(j, "accusedUnits"));
            case "THREAT" -> {
                String caseId = text(j, "caseId");
                List<Span> spans = new ArrayList<>();
                for (JsonNode e : j.path("evidence")) {
                    spans.add(new Span(caseId, text(j, "field"), e.path("start").asInt(), e.path("end").asInt(),
                            text(e, "text")));
                }
                yield new SignalView(text(j, "signalId"), type, "open", 1, "case:" + caseId, null, null,
                        List.of(caseId), channels(List.of(caseId)), text(j, "district"), text(j, "town"),
                        text(j, "estate"), text(j, "caseCategory"), text(j, "sector"), detectedAt, detectedAt, null,
                        null, null, null, null, null, text(j, "category"), text(j, "severity"), spans, null,
                        single(text(j, "accusedUnit")));
            }
            case "REPEAT" -> {
                List<String> ids = new ArrayList<>(strings(j, "earlierCaseIds"));
                ids.add(text(j, "caseId"));
                yield new SignalView(text(j, "signalId"), type, "open", 1, "matter:" + text(j, "matter"), null, null,
                        ids, channels(ids), text(j, "district"), text(j, "town"), text(j, "estate"),
                        text(j, "category"), null, detectedAt, detectedAt, null, null, null, null, null, null, null,
                        null, List.of(), j.path("count").asInt(ids.size()), single(text(j, "accusedUnit")));
            }
            default -> new SignalView(text(j, "signalId"), type, text(j, "status") == null ? "open" : text(j, "status"),
                    j.path("version").asInt(1), "cluster:" + text(j, "clusterId"), null, null, strings(j, "caseIds"),
                    channels(strings(j, "caseIds")), text(j, "district"), text(j, "town"), text(j, "estate"),
                    text(j, "category"), null, detectedAt, updatedAt == null ? detectedAt : updatedAt, null, null,
                    null, text(j, "clusterId"), j.path("size").asInt(strings(j, "caseIds").size()),
                    text(j, "representativeSubject"), null, null, List.of(), null, strings(j, "accusedUnits"));
        };
    }

    /** Observed over expected, or null when the signal has no baseline. */
    public Double ratio() {
        return observed == null || expected == null || expected <= 0 ? null : observed / expected;
    }

    private static List<String> channels(List<String> caseIds) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : caseIds) {
            int colon = id.indexOf(':');
            if (colon > 0) {
                out.add(id.substring(0, colon));
            }
        }
        return List.copyOf(out);
    }

    private static List<String> single(String s) {
        return s == null ? List.of() : List.of(s);
    }

    private static String text(JsonNode j, String field) {
        JsonNode n = j.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static OffsetDateTime time(JsonNode j, String field) {
        String t = text(j, field);
        return t == null ? null : OffsetDateTime.parse(t);
    }

    private static List<String> strings(JsonNode j, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : j.path(field)) {
            if (!n.isNull()) {
                out.add(n.asText());
            }
        }
        return List.copyOf(out);
    }
}

package io.earlywarning.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.cluster.CaseClusterer;
import io.earlywarning.cluster.ClusterAssignment;
import io.earlywarning.cluster.ClusterCase;
import io.earlywarning.cluster.ClusterJournal;
import io.earlywarning.cluster.ClusterRules;
import io.earlywarning.place.EstateNames;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.place.Place;
import io.earlywarning.place.PlaceResolver;
import io.earlywarning.topology.JsonSerde;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Reads case JSON lines on stdin in arrival order ({\"id\", \"text\"} required; \"subject\", "
                + "\"receivedAt\", \"district\", \"estate\", \"category\" used when present — a missing district or "
                + "estate is found in the text as intake finds it) and writes one line per input line: {\"id\", "
                + "\"cluster\", \"size\", \"nearest\": [{\"caseId\", \"similarity\"}]}, plus \"events\" when the case "
                + "merged clusters (the absorbed cluster ids: earlier lines that named them now belong to \"cluster\"). "
                + "A line that cannot be read gets {\"id\": null, \"error\": …}. The same clusterer as the stream stage.")
public final class ClusterCommand implements Callable<Integer> {

    @Option(names = "--rules", paramLabel = "FILE", description = "Cluster rules YAML (default: the bundled cluster-rules.yaml).")
    Path rules;

    @Override
    public Integer call() throws Exception {
        CaseClusterer clusterer = new CaseClusterer(rules == null ? ClusterRules.bundled() : ClusterRules.load(rules),
                ClusterJournal.none());
        PlaceResolver places = places();
        LinePerLine.run(line -> answer(clusterer, places, line));
        return 0;
    }

    /** The places intake resolves against (EW_GAZETTEER, default demo-city and a-city). */
    static PlaceResolver places() {
        return new PlaceResolver(Gazetteer.load(AppConfig.fromEnvironment().gazetteer()));
    }

    static ObjectNode answer(CaseClusterer clusterer, PlaceResolver places, String line) {
        ObjectNode result = JsonSerde.MAPPER.createObjectNode();
        ClusterCase c;
        try {
            JsonNode j;
            try {
                j = JsonSerde.MAPPER.readTree(line);
            } catch (Exception notJson) {
                throw new IllegalArgumentException("not JSON; expected a JSON object with \"id\" and \"text\"");
            }
            c = caseOf(j, places);
        } catch (IllegalArgumentException e) {
            result.putNull("id");
            result.put("error", e.getMessage());
            return result;
        }
        ClusterAssignment a = clusterer.assign(c);
        result.put("id", c.caseId());
        result.put("cluster", a.clusterId());
        result.put("size", a.clusterSize());
        var nearest = result.putArray("nearest");
        a.nearest().forEach(n -> nearest.addObject().put("caseId", n.caseId()).put("similarity", n.similarity()));
        if (a.events().stream().anyMatch(e -> e.type().equals("merged"))) {
            result.set("events", JsonSerde.MAPPER.valueToTree(a.events()));
        }
        return result;
    }

    /** A case from an input line: id and text required; a place not given is found in the text, as intake does. */
    public static ClusterCase caseOf(JsonNode j, PlaceResolver places) {
        if (j == null || !j.isObject() || !(j.path("id").isTextual() || j.path("id").isNumber())
                || !j.path("text").isTextual()) {
            throw new IllegalArgumentException("expected a JSON object with \"id\" and \"text\"");
        }
        OffsetDateTime at = null;
        if (text(j, "receivedAt") != null) {
            try {
                at = OffsetDateTime.parse(j.path("receivedAt").asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("receivedAt must be an ISO-8601 time with offset, e.g. 2026-03-02T09:15:00+08:00");
            }
        }
        String subject = text(j, "subject");
        String body = j.path("text").asText();
        Place found = places.resolve(text(j, "district"), text(j, "estate"), subject, body);
        String district = text(j, "district") != null ? text(j, "district") : found.district();
        String estate = text(j, "estate") != null ? text(j, "estate") : found.estate();
        String estateKey = text(j, "estate") != null && found.estateKey() == null
                ? EstateNames.key(estate) : found.estateKey();
        return new ClusterCase(j.path("id").asText(), at, district, found.town(), estate, estateKey,
                text(j, "category"), subject, body, null);
    }

    private static String text(JsonNode j, String field) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}

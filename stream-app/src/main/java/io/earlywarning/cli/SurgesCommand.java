package io.earlywarning.cli;

import io.earlywarning.state.KeyedMemory;
import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.domain.Case;
import io.earlywarning.place.EstateNames;
import io.earlywarning.surge.EarsDetector;
import io.earlywarning.surge.InMemorySurgeMemory;
import io.earlywarning.surge.PoissonCusumDetector;
import io.earlywarning.surge.RepeatPetitions;
import io.earlywarning.surge.SeasonalScanDetector;
import io.earlywarning.surge.SurgeDetector;
import io.earlywarning.surge.SurgeMonitor;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.topology.JsonSerde;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

@Command(name = "surges", mixinStandardHelpOptions = true,
        description = "Reads case JSON lines on stdin in time order ({\"id\", \"receivedAt\", \"district\", \"estate\", "
                + "\"category\", \"petitionerKey\", \"headcount\", \"text\"}; id and receivedAt required) and writes each "
                + "surge signal as a JSON line: opened, updated as it grows, closed when volume is back to baseline "
                + "({\"keyType\", \"key\", \"status\", \"detectedAt\", \"windowStart\", \"observed\", \"expected\", "
                + "\"score\", \"caseIds\", …}). The same monitor as the stream stage. A line that cannot be read gets "
                + "{\"error\": …, \"line\": n} on stderr and is skipped.")
public final class SurgesCommand implements Callable<Integer> {

    @Option(names = "--rules", paramLabel = "FILE", description = "Surge rules YAML (default: the bundled surge-rules.yaml).")
    Path rules;

    @Option(names = "--detector", defaultValue = SeasonalScanDetector.ID,
            description = "seasonal-scan (production), ears-c1, ears-c2, ears-c3 or poisson-cusum (default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--repeats", description = "Also write REPEAT signals (the same petitioner on the same matter again).")
    boolean repeats;

    @Override
    public Integer call() throws Exception {
        SurgeRules r = rules == null ? SurgeRules.bundled() : SurgeRules.load(rules);
        SurgeMonitor monitor = new SurgeMonitor(r, detector(r, detector), new InMemorySurgeMemory());
        RepeatPetitions repeatPetitions = new RepeatPetitions(r, KeyedMemory.inMemory());
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            Case c;
            try {
                c = caseOf(JsonSerde.MAPPER.readTree(line));
            } catch (Exception e) {
                System.err.println(JsonSerde.MAPPER.createObjectNode().put("error", e.getMessage()).put("line", n));
                continue;
            }
            monitor.next(c).forEach(s -> print(out, s));
            if (repeats) {
                repeatPetitions.observe(c).ifPresent(s -> print(out, s));
            }
        }
        out.flush();
        return 0;
    }

    private static void print(PrintStream out, Object signal) {
        try {
            out.println(JsonSerde.MAPPER.writeValueAsString(signal));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static SurgeDetector detector(SurgeRules r, String id) {
        return switch (id) {
            case SeasonalScanDetector.ID -> new SeasonalScanDetector();
            case "ears-c1" -> new EarsDetector(EarsDetector.Variant.C1, r.reference().earsC1());
            case "ears-c2" -> new EarsDetector(EarsDetector.Variant.C2, r.reference().earsC2());
            case "ears-c3" -> new EarsDetector(EarsDetector.Variant.C3, r.reference().earsC3());
            case PoissonCusumDetector.ID -> new PoissonCusumDetector(r.reference().poissonCusum());
            default -> throw new IllegalArgumentException("unknown detector '" + id
                    + "' (seasonal-scan, ears-c1, ears-c2, ears-c3, poisson-cusum)");
        };
    }

    /** A case from an input line: id and receivedAt required, the rest used when present. */
    static Case caseOf(JsonNode j) {
        if (j == null || !j.isObject() || !j.path("id").isTextual() && !j.path("id").isNumber()) {
            throw new IllegalArgumentException("expected a JSON object with \"id\"");
        }
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(j.path("receivedAt").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("receivedAt must be an ISO-8601 time with offset, e.g. 2026-03-02T09:15:00+08:00");
        }
        String estate = text(j, "estate");
        int headcount = Math.max(1, j.path("headcount").asInt(1));
        return new Case(j.path("id").asText(), "input", at, text(j, "district"), null, estate,
                estate == null ? null : EstateNames.key(estate), text(j, "category"), "source", null, null,
                j.path("text").asText(""), text(j, "petitionerKey"), headcount, headcount >= Case.COLLECTIVE_HEADCOUNT, null);
    }

    private static String text(JsonNode j, String field) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}

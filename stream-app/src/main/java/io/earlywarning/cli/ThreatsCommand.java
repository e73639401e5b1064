package io.earlywarning.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.threat.ThreatAssessment;
import io.earlywarning.threat.ThreatDetector;
import io.earlywarning.threat.ThreatRules;
import io.earlywarning.topology.JsonSerde;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "threats", mixinStandardHelpOptions = true,
        description = "Reads {\"id\", \"text\"} JSON lines on stdin and writes one line per input line: {\"id\", "
                + "\"threat\", \"category\", \"severity\", \"evidence\": [{\"start\", \"end\", \"text\"}], \"rules\"}; "
                + "offsets count Unicode code points. A line that is not such JSON gets {\"id\": null, \"error\": …}. "
                + "The same detector as the stream stage.")
public final class ThreatsCommand implements Callable<Integer> {

    @Option(names = "--rules", paramLabel = "FILE", description = "Threat rules YAML (default: the bundled threat-rules.yaml).")
    Path rules;

    @Override
    public Integer call() throws Exception {
        ThreatDetector detector = new ThreatDetector(rules == null ? ThreatRules.bundled() : ThreatRules.load(rules));
        LinePerLine.run(line -> answer(detector, line));
        return 0;
    }

    static ObjectNode answer(ThreatDetector detector, String line) {
        ObjectNode result = JsonSerde.MAPPER.createObjectNode();
        JsonNode input;
        try {
            input = JsonSerde.MAPPER.readTree(line);
        } catch (Exception e) {
            input = null;
        }
        if (input == null || !input.isObject() || !input.path("text").isTextual()) {
            result.putNull("id");
            result.put("error", "expected a JSON object with a text field \"text\"");
            return result;
        }
        result.set("id", input.get("id"));
        ThreatAssessment a = detector.assess(input.path("text").asText());
        result.put("threat", a.threat());
        result.put("category", a.category() == null ? null : a.category().id());
        result.put("severity", a.severity());
        ArrayNode evidence = result.putArray("evidence");
        for (ThreatAssessment.Evidence e : a.evidence()) {
            evidence.addObject().put("start", e.start()).put("end", e.end()).put("text", e.text());
        }
        ArrayNode ids = result.putArray("rules");
        a.ruleIds().forEach(ids::add);
        return result;
    }
}

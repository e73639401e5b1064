package io.earlywarning.warning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.routing.RoutingTable;
import io.earlywarning.rulesfile.YamlFile;
import io.earlywarning.threat.ThreatRules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * What is published and applied as one: the warning rules, the routing table they route with, and the threat
 * lexicon. Validated together (a rule set whose escalation names a unit the table lacks is refused), so that an
 * instance either applies all of it or none of it.
 *
 * @param rulesText the rules file as written (with routingText and threatsText: the three files as written), kept so that a published bundle can be shown and diffed
 */
public record RuleBundle(WarningRuleSet rules, RoutingTable routing, ThreatRules threats, String rulesText,
                         String routingText, String threatsText) {

    /** The bundles that ship: {@code demo-city} and {@code a-city}. */
    public static final Set<String> BUNDLED = Set.of("demo-city", "a-city");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A bundled rule set by city ({@code demo-city}, {@code a-city}) or a rules file on disk with its references. */
    public static RuleBundle load(String nameOrPath) {
        if (BUNDLED.contains(nameOrPath)) {
            String rules = YamlFile.resource(RuleBundle.class, "rules-" + nameOrPath + ".yaml");
            return of(rules, "bundled rules-" + nameOrPath + ".yaml", name -> YamlFile.resource(RuleBundle.class, name));
        }
        Path file = Path.of(nameOrPath);
        Path dir = file.toAbsolutePath().getParent();
        return of(YamlFile.read(file), file.toString(), name -> YamlFile.read(dir.resolve(name)));
    }

    private static RuleBundle of(String rulesText, String source, java.util.function.Function<String, String> reader) {
        WarningRuleSet rules = WarningRuleSet.parse(rulesText, source);
        String routingText = reader.apply(rules.routing());
        String threatsText = "bundled".equals(rules.threats()) ? null : reader.apply(rules.threats());
        return assemble(rules, rulesText, routingText, threatsText, source);
    }

    private static RuleBundle assemble(WarningRuleSet rules, String rulesText, String routingText, String threatsText,
                                       String source) {
        RoutingTable routing = RoutingTable.parse(routingText, source + " → " + rules.routing());
        ThreatRules threats = threatsText == null ? ThreatRules.bundled()
                : ThreatRules.parse(threatsText, source + " → " + rules.threats());
        crossCheck(rules, routing, source);
        return new RuleBundle(rules, routing, threats, rulesText, routingText, threatsText);
    }

    private static void crossCheck(WarningRuleSet rules, RoutingTable routing, String source) {
        for (WarningRuleSet.EscalationStep step : rules.escalation()) {
            String to = step.to();
            if (!Set.of("superiors", "petition-office", "joint-office").contains(to) && routing.unit(to) == null) {
                throw new YamlFile.InvalidFileException("warning rules", source,
                        "escalation to '" + to + "': not superiors, petition-office, joint-office or a unit id of "
                                + rules.routing());
            }
        }
        if (rules.zeroReport() != null) {
            for (String u : rules.zeroReport().units()) {
                if (!Set.of("territorial", "all").contains(u) && routing.unit(u) == null) {
                    throw new YamlFile.InvalidFileException("warning rules", source,
                            "zeroReport.units: '" + u + "' is not territorial, all or a unit id of " + rules.routing());
                }
            }
        }
    }

    public int version() {
        return rules.version();
    }

    /** The bundle as published on topic {@code rules}: one JSON document with the three files' text. */
    public byte[] toPublished() {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", rules.version());
        o.put("name", rules.name());
        o.put("rules", rulesText);
        o.put("routing", routingText);
        o.put("threats", threatsText);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads and validates a published bundle; throws with a readable message when it is not usable. */
    public static RuleBundle fromPublished(byte[] value) {
        JsonNode o;
        try {
            o = JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("published rule set is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (o == null || !o.isObject() || !o.path("rules").isTextual() || !o.path("routing").isTextual()) {
            throw new IllegalArgumentException("published rule set needs the text of 'rules' and 'routing'");
        }
        String source = "published version " + o.path("version").asText("?");
        String rulesText = o.path("rules").asText();
        WarningRuleSet rules = WarningRuleSet.parse(rulesText, source);
        return assemble(rules, rulesText, o.path("routing").asText(), o.path("threats").isTextual() ? o.path("threats").asText() : null,
                source);
    }
}

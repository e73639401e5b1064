package io.earlywarning.threat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analyst-edited threat rules ({@code threat-rules.yaml}), read and validated: every list present and
 * non-empty (but the four added later, {@link #optionalPhrases}), every category known, no phrase blank. A file that fails validation is refused with a message that
 * names the problem, so that a bad edit never replaces working rules.
 */
public record ThreatRules(
        int version,
        Map<ThreatCategory, List<String>> acts,
        Map<String, ThreatCategory> means,
        List<String> preparation,
        List<String> targets,
        List<String> places,
        List<String> conditions,
        List<String> deadlines,
        List<String> firstPerson,
        List<String> negations,
        List<String> thirdParty,
        List<String> figures,
        List<String> everyday,
        List<String> hazards,
        List<String> lawful,
        List<String> otherPeople,
        List<String> intent,
        Map<ThreatCategory, List<String>> harmVerbs,
        List<String> resolve,
        List<String> speech,
        Map<ThreatCategory, List<String>> use,
        List<String> writersGroup,
        List<String> ledges,
        List<String> despair,
        List<String> summaryWriters,
        List<String> knowing,
        List<String> whereabouts,
        List<String> family,
        List<String> retractions) {

    private static final Set<String> LISTS = Set.of("preparation", "targets", "places", "conditions", "deadlines",
            "firstPerson", "negations", "thirdParty", "figures", "everyday", "hazards", "lawful", "otherPeople", "intent", "resolve", "speech", "writersGroup",
            "ledges", "despair", "summaryWriters", "knowing", "whereabouts", "family", "retractions");

    /** The rules bundled with the application. */
    public static ThreatRules bundled() {
        try (InputStream in = ThreatRules.class.getResourceAsStream("threat-rules.yaml")) {
            return parse(in, "bundled threat-rules.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ThreatRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a lexicon from its text (a published rule bundle carries it so). */
    public static ThreatRules parse(String yaml, String source) {
        try {
            return parse(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), source);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid threat rules (" + source + "): " + e.getMessage());
        }
    }

    static ThreatRules parse(InputStream in, String source) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        if (root == null || !root.isObject()) {
            throw invalid(source, "expected a YAML mapping");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!LISTS.contains(field) && !Set.of("version", "acts", "means", "harmVerbs", "use").contains(field)) {
                throw invalid(source, "unknown key '" + field + "'");
            }
        }
        Map<ThreatCategory, List<String>> acts = new EnumMap<>(ThreatCategory.class);
        JsonNode actsNode = root.path("acts");
        for (Iterator<Map.Entry<String, JsonNode>> it = actsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ThreatCategory c;
            try {
                c = ThreatCategory.fromId(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw invalid(source, "acts: " + ex.getMessage());
            }
            acts.put(c, phrases(e.getValue(), source, "acts." + e.getKey()));
        }
        if (acts.size() != ThreatCategory.values().length) {
            throw invalid(source, "acts must list every category: self_harm, violence, arson_explosive");
        }
        Map<ThreatCategory, List<String>> harmVerbs = byCategory(root, "harmVerbs", source);
        Map<ThreatCategory, List<String>> use = byCategory(root, "use", source);
        Map<String, ThreatCategory> means = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("means").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                means.put(e.getKey(), ThreatCategory.fromId(e.getValue().asText()));
            } catch (IllegalArgumentException ex) {
                throw invalid(source, "means." + e.getKey() + ": " + ex.getMessage());
            }
        }
        if (means.isEmpty()) {
            throw invalid(source, "means must not be empty");
        }
        return new ThreatRules(root.path("version").asInt(1), acts, means,
                phrases(root.path("preparation"), source, "preparation"),
                phrases(root.path("targets"), source, "targets"),
                phrases(root.path("places"), source, "places"),
                phrases(root.path("conditions"), source, "conditions"),
                phrases(root.path("deadlines"), source, "deadlines"),
                phrases(root.path("firstPerson"), source, "firstPerson"),
                phrases(root.path("negations"), source, "negations"),
                phrases(root.path("thirdParty"), source, "thirdParty"),
                phrases(root.path("figures"), source, "figures"),
                phrases(root.path("everyday"), source, "everyday"),
                phrases(root.path("hazards"), source, "hazards"),
                phrases(root.path("lawful"), source, "lawful"),
                phrases(root.path("otherPeople"), source, "otherPeople"),
                phrases(root.path("intent"), source, "intent"),
                harmVerbs,
                phrases(root.path("resolve"), source, "resolve"),
                phrases(root.path("speech"), source, "speech"),
                use,
                phrases(root.path("writersGroup"), source, "writersGroup"),
                phrases(root.path("ledges"), source, "ledges"),
                phrases(root.path("despair"), source, "despair"),
                phrases(root.path("summaryWriters"), source, "summaryWriters"),
                optionalPhrases(root.path("knowing"), source, "knowing"),
                optionalPhrases(root.path("whereabouts"), source, "whereabouts"),
                optionalPhrases(root.path("family"), source, "family"),
                optionalPhrases(root.path("retractions"), source, "retractions"));
    }

    /** A mapping of category id to phrases ({@code harmVerbs}, {@code use}). */
    private static Map<ThreatCategory, List<String>> byCategory(JsonNode root, String name, String source) {
        Map<ThreatCategory, List<String>> out = new EnumMap<>(ThreatCategory.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path(name).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ThreatCategory c;
            try {
                c = ThreatCategory.fromId(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw invalid(source, name + ": " + ex.getMessage());
            }
            out.put(c, phrases(e.getValue(), source, name + "." + e.getKey()));
        }
        return out;
    }

    /**
     * A list added after lexicons were first published ({@code knowing}, {@code whereabouts}, {@code family},
     * {@code retractions}): absent,
     * its construction is off, so that a lexicon written before it still loads; present, it is checked as any list.
     */
    private static List<String> optionalPhrases(JsonNode node, String source, String name) {
        return node.isMissingNode() ? List.of() : phrases(node, source, name);
    }

    private static List<String> phrases(JsonNode node, String source, String name) {
        if (!node.isArray() || node.isEmpty()) {
            throw invalid(source, name + " must be a non-empty list of phrases");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw invalid(source, name + " holds a blank or non-text phrase: " + n);
            }
            out.add(n.asText().strip());
        }
        return List.copyOf(out);
    }

    private static IllegalArgumentException invalid(String source, String message) {
        return new IllegalArgumentException("invalid threat rules (" + source + "): " + message);
    }
}

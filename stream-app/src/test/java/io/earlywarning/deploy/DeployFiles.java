package io.earlywarning.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files under {@code deploy/} as the tests read them: dashboard queries, alert expressions, manifests. */
final class DeployFiles {

    static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    static final Path ALERTS = DEPLOY.resolve("prometheus/alerts.yml");
    static final Path ALERT_TESTS = DEPLOY.resolve("prometheus/alerts-test.yml");
    static final Path DASHBOARD = DEPLOY.resolve("grafana/dashboards/early-warning.json");
    static final Path COMPOSE = DEPLOY.resolve("compose.yaml");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DeployFiles() {
    }

    /** Every panel query of the dashboard, by "panel title / refId". */
    static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : JSON.readTree(DASHBOARD.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asText() + " / " + target.path("refId").asText(), target.path("expr").asText());
            }
        }
        return queries;
    }

    /** Every alerting rule's expression, by alert name. */
    static Map<String, String> alertExpressions() throws IOException {
        Map<String, String> exprs = new LinkedHashMap<>();
        for (JsonNode group : YAML.readTree(ALERTS.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                exprs.put(rule.path("alert").asText(), rule.path("expr").asText());
            }
        }
        return exprs;
    }

    /** A dashboard query with Grafana's variables replaced, as Prometheus would receive it. */
    static String asPrometheusQuery(String grafanaExpr) {
        return grafanaExpr.replace("$__rate_interval", "1m").replace("$__range", "10m");
    }

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");

    /**
     * The metric names a PromQL expression reads: identifiers that are neither functions (followed by a
     * parenthesis), keywords, label names (inside braces or a grouping clause), strings nor durations.
     */
    static Set<String> metricNames(String expr) {
        String s = STRINGS.matcher(expr).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        s = s.replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String id = m.group();
            boolean function = s.substring(m.end()).stripLeading().startsWith("(");
            boolean partOfNumber = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!function && !partOfNumber && !KEYWORDS.contains(id.toLowerCase())) {
                names.add(id);
            }
        }
        return names;
    }

    /** The compose file with its anchors and merge keys ({@code <<: *x}) resolved, as compose reads it. */
    static JsonNode compose() throws IOException {
        try (var in = Files.newInputStream(COMPOSE)) {
            return JSON.valueToTree(new org.yaml.snakeyaml.Yaml().load(in));
        }
    }

    /** Every YAML document in the Kubernetes manifests. */
    static List<JsonNode> kubernetesObjects() throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (var files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    continue;
                }
                try (var parser = YAML.getFactory().createParser(file.toFile())) {
                    for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                        JsonNode doc = it.next();
                        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                            objects.add(doc);
                        }
                    }
                }
            }
        }
        return objects;
    }
}

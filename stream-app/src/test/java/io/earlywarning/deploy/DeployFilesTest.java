package io.earlywarning.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.Setting;
import io.earlywarning.gateway.GatewaySetting;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static io.earlywarning.deploy.DeployFiles.YAML;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy files agree with the code and with each other: every setting they pass is one the code reads, every
 * Service selects pods that exist, every Secret and ConfigMap reference resolves, every dashboard panel reads the
 * provisioned data source. (That the queries name metrics the code exports is checked on a real scrape in
 * PrometheusIT; that compose and the rules are valid, by docker compose and promtool in DeployToolsIT.)
 */
class DeployFilesTest {

    /** Environment variables the images read: our settings, and the JVM's own. */
    private static final Set<String> KNOWN_ENV = Stream.concat(
                    Stream.concat(Arrays.stream(Setting.values()).map(Enum::name), Arrays.stream(GatewaySetting.values()).map(Enum::name)),
                    Stream.of("JAVA_TOOL_OPTIONS"))
            .collect(Collectors.toSet());

    @Test
    void metricNamesOfAQueryAreItsSeriesNotItsFunctionsLabelsOrDurations() {
        assertThat(DeployFiles.metricNames(
                "histogram_quantile(0.99, sum by (le, channel) (rate(ew_intake_latency_seconds_bucket{job=\"x\"}[5m])))"))
                .containsExactly("ew_intake_latency_seconds_bucket");
        assertThat(DeployFiles.metricNames("time() - ew_gateway_heartbeat_timestamp_seconds > 26 * 3600 and on () up == 0"))
                .containsExactly("ew_gateway_heartbeat_timestamp_seconds", "up");
        assertThat(DeployFiles.metricNames("max by (topic) (kafka_consumer_fetch_manager_records_lag{topic!~\".*_.*\"}) > 1e3"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag");
    }

    @Test
    void everyDashboardPanelReadsTheProvisionedPrometheusAndNamesAMetric() throws Exception {
        JsonNode datasource = YAML.readTree(DeployFiles.DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml").toFile())
                .path("datasources").get(0);
        JsonNode dashboard = DeployFiles.JSON.readTree(DeployFiles.DASHBOARD.toFile());
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            titles.add(panel.path("title").asText());
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                    .isEqualTo(datasource.path("uid").asText());
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
        }
        DeployFiles.dashboardQueries().forEach((panel, expr) ->
                assertThat(DeployFiles.metricNames(expr)).as(panel).isNotEmpty());
        // What the dashboard owners asked for, one panel each at least.
        assertThat(String.join(" | ", titles).toLowerCase()).contains("intake by channel", "rejected by reason",
                "by type and severity", "by responsible unit", "p99 latency", "lag", "acknowledged", "surges in progress",
                "clusters growing");
        // Grafana's provider serves the folder the dashboard is mounted into by compose.
        JsonNode provider = YAML.readTree(DeployFiles.DEPLOY.resolve("grafana/provisioning/dashboards/early-warning.yml").toFile())
                .path("providers").get(0);
        assertThat(Files.readString(DeployFiles.COMPOSE)).contains("./grafana/dashboards:" + provider.path("options").path("path").asText());
    }

    @Test
    void composePassesOnlySettingsTheCodeReadsAndGivesEachStreamAppItsOwnIdentityAndState() throws Exception {
        JsonNode services = DeployFiles.compose().path("services");
        Set<String> instanceIds = new HashSet<>();
        int streamApps = 0;
        for (var it = services.fields(); it.hasNext(); ) {
            var service = it.next();
            JsonNode s = service.getValue();
            if (!s.path("image").asText().startsWith("early-warning:")) {
                continue;
            }
            Set<String> keys = fieldNames(s.path("environment"));
            assertThat(KNOWN_ENV).as(service.getKey() + " environment").containsAll(keys);
            if (s.path("command").get(0).asText().equals("run")) {
                streamApps++;
                instanceIds.add(s.path("environment").path("EW_GROUP_INSTANCE_ID").asText());
                String stateDir = s.path("environment").path("EW_STATE_DIR").asText();
                String volume = s.path("volumes").get(0).asText();
                assertThat(stateDir).as(service.getKey() + " state on its volume").startsWith(volume.substring(volume.indexOf(':') + 1));
            }
        }
        assertThat(streamApps).isEqualTo(2);
        assertThat(instanceIds).hasSize(2).doesNotContain("");
        // Three KRaft nodes, each one of the voters.
        Set<String> voters = new HashSet<>();
        for (String node : List.of("kafka-1", "kafka-2", "kafka-3")) {
            JsonNode env = services.path(node).path("environment");
            assertThat(services.path(node).path("image").asText()).startsWith("apache/kafka:");
            voters.add(env.path("KAFKA_NODE_ID").asText() + "@" + node + ":9093");
            assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText().split(",")).contains(voters.toArray(String[]::new));
        }
        assertThat(voters).hasSize(3);
    }

    @Test
    void kubernetesReferencesResolveAndServicesSelectPods() throws Exception {
        List<JsonNode> objects = DeployFiles.kubernetesObjects();
        Map<String, List<JsonNode>> byKind = objects.stream().collect(Collectors.groupingBy(o -> o.path("kind").asText()));
        assertThat(byKind.keySet()).contains("StatefulSet", "Deployment", "Service", "ConfigMap", "Secret");
        for (JsonNode o : objects) {
            assertThat(o.path("apiVersion").asText()).as(o.toString()).isNotBlank();
            assertThat(o.path("metadata").path("name").asText()).as(o.toString()).isNotBlank();
        }
        // The kustomization applies every manifest file.
        JsonNode kustomization = YAML.readTree(DeployFiles.KUBERNETES.resolve("kustomization.yaml").toFile());
        try (var files = Files.list(DeployFiles.KUBERNETES)) {
            assertThat(StreamSupport.stream(kustomization.path("resources").spliterator(), false).map(JsonNode::asText).toList())
                    .containsExactlyInAnyOrderElementsOf(files.map(Path::getFileName).map(Path::toString)
                            .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).toList());
        }
        Map<String, JsonNode> configMaps = named(byKind.get("ConfigMap"));
        Map<String, JsonNode> secrets = named(byKind.get("Secret"));
        List<JsonNode> workloads = new ArrayList<>(byKind.get("StatefulSet"));
        workloads.addAll(byKind.get("Deployment"));
        for (JsonNode w : workloads) {
            String name = w.path("metadata").path("name").asText();
            JsonNode pod = w.path("spec").path("template");
            assertThat(labels(pod.path("metadata").path("labels"))).as(name + " pods carry the selector's labels")
                    .containsAllEntriesOf(labels(w.path("spec").path("selector").path("matchLabels")));
            for (JsonNode c : pod.path("spec").path("containers")) {
                Set<String> env = new HashSet<>();
                Set<String> ports = new HashSet<>();
                c.path("ports").forEach(p -> ports.add(p.path("name").asText()));
                for (JsonNode from : c.path("envFrom")) {
                    JsonNode cm = configMaps.get(from.path("configMapRef").path("name").asText());
                    assertThat(cm).as(name + " envFrom " + from).isNotNull();
                    env.addAll(fieldNames(cm.path("data")));
                }
                for (JsonNode e : c.path("env")) {
                    env.add(e.path("name").asText());
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        JsonNode secret = secrets.get(ref.path("name").asText());
                        assertThat(secret).as(name + " secret " + ref).isNotNull();
                        assertThat(fieldNames(secret.path("stringData"))).as(name + " secret key").contains(ref.path("key").asText());
                    }
                }
                assertThat(KNOWN_ENV).as(name + " environment").containsAll(env);
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    assertThat(ports).as(name + " " + probe + " port").contains(c.path(probe).path("httpGet").path("port").asText());
                }
                assertThat(ports).as(name + " scrape port").isNotEmpty();
            }
            for (JsonNode v : pod.path("spec").path("volumes")) {
                String secretName = v.path("secret").path("secretName").asText(null);
                if (secretName != null) {
                    for (JsonNode item : v.path("secret").path("items")) {
                        assertThat(fieldNames(secrets.get(secretName).path("stringData"))).contains(item.path("key").asText());
                    }
                }
            }
        }
        for (JsonNode service : byKind.get("Service")) {
            Map<String, String> selector = labels(service.path("spec").path("selector"));
            assertThat(workloads).as(service.path("metadata").path("name").asText() + " selects some pods")
                    .anySatisfy(w -> assertThat(labels(w.path("spec").path("template").path("metadata").path("labels")))
                            .containsAllEntriesOf(selector));
        }
        // The stream-app: a stable name per pod as its group instance id, and its state on its own volume.
        JsonNode streamApp = byKind.get("StatefulSet").get(0);
        JsonNode container = streamApp.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("args").get(0).asText()).isEqualTo("run");
        JsonNode instanceId = find(container.path("env"), "EW_GROUP_INSTANCE_ID");
        assertThat(instanceId.path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("metadata.name");
        String stateDir = find(container.path("env"), "EW_STATE_DIR").path("value").asText();
        String claim = streamApp.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
        assertThat(container.path("volumeMounts")).anySatisfy(m -> {
            assertThat(m.path("name").asText()).isEqualTo(claim);
            assertThat(stateDir).startsWith(m.path("mountPath").asText());
        });
        assertThat(streamApp.path("spec").path("serviceName").asText()).isIn(named(byKind.get("Service")).keySet());
        assertThat(Integer.parseInt(configMaps.get("early-warning").path("data").path("EW_STANDBY_REPLICAS").asText()))
                .as("a standby per task, so that either pod can die").isGreaterThanOrEqualTo(1);
    }

    private static JsonNode find(JsonNode env, String name) {
        for (JsonNode e : env) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError(name + " not set");
    }

    private static Map<String, JsonNode> named(List<JsonNode> objects) {
        return objects.stream().collect(Collectors.toMap(o -> o.path("metadata").path("name").asText(), o -> o));
    }

    private static Map<String, String> labels(JsonNode node) {
        return fieldNames(node).stream().collect(Collectors.toMap(k -> k, k -> node.path(k).asText()));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

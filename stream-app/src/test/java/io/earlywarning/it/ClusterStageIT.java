package io.earlywarning.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.app.StreamApp;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.topology.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The clustering stage on a real broker: its index survives a restart on an empty state directory (rebuilt from
 * the changelog), and with two instances one matter reported in two districts is still one cluster, also after
 * the instance holding the index stops.
 */
class ClusterStageIT {

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** An estate name no other test writes, so that this run's matter is its own. */
    private final String estate = chinese(run.substring(0, 4)) + "苑";
    private int order;

    @Test
    void afterARestartOnAnEmptyStateDirectoryTheNextSimilarCaseJoinsTheOldCluster() throws Exception {
        String bootstrap = KafkaForTests.bootstrapServers();
        String appId = "cluster-restart-" + run;
        // The one-partition index sees every case it reads: start at the end of every shared topic the topology
        // reads, so that earlier tests' cases cannot join this matter.
        KafkaForTests.startTopologyAtEnd(config(appId, "state-1"));
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = KafkaForTests.consumer("cluster-it");
             KafkaProducer<String, String> producer = KafkaForTests.producer()) {
            consumer.subscribe(List.of(Topics.CASES_CLUSTERED));
            List<String> before = new ArrayList<>();
            try (StreamApp app = StreamApp.start(config(appId, "state-1"), bootstrap)) {
                before.add(call(producer, "江北区" + estate + "小区电梯经常故障，上周困人两次，物业维修不及时。", "江北区"));
                before.add(call(producer, estate + "的电梯又坏了，老人被关在里面半个小时，物业不管。", "江北区"));
                before.add(call(producer, estate + "电梯年久失修多次困人，请督促物业更换电梯。", "江北区"));
                awaitClustered(consumer, seen, before);
            }
            String clusterId = seen.get(before.get(0)).path("clusterId").asText();
            assertThat(before).allSatisfy(id -> assertThat(seen.get(id).path("clusterId").asText()).isEqualTo(clusterId));

            // A new state directory: nothing on disk, the index must come back from the changelog.
            try (StreamApp app = StreamApp.start(config(appId, "state-2"), bootstrap)) {
                String after = call(producer, estate + "电梯困人问题还是没有解决，物业一直拖着不修。", "江北区");
                awaitClustered(consumer, seen, List.of(after));
                assertThat(seen.get(after).path("clusterId").asText()).isEqualTo(clusterId);
                assertThat(seen.get(after).path("clusterSize").asInt()).isEqualTo(4);
                assertThat(seen.get(after).path("nearest").findValuesAsText("caseId")).containsAnyElementsOf(before);
            }
        }
    }

    @Test
    void twoInstancesKeepOneMatterReportedInTwoDistrictsInOneClusterAndSurviveLosingEither() throws Exception {
        String bootstrap = KafkaForTests.bootstrapServers();
        String appId = "cluster-two-" + run;
        // The one-partition index sees every case it reads: start at the end of every shared topic the topology
        // reads, so that earlier tests' cases cannot join this matter.
        KafkaForTests.startTopologyAtEnd(config(appId, "state-1"));
        String line = chinese(run.substring(4, 8)) + "路";
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = KafkaForTests.consumer("cluster-it");
             KafkaProducer<String, String> producer = KafkaForTests.producer()) {
            consumer.subscribe(List.of(Topics.CASES_CLUSTERED));
            StreamApp first = StreamApp.start(config(appId, "state-a"), bootstrap);
            List<String> ids = new ArrayList<>();
            try (StreamApp second = StreamApp.start(config(appId, "state-b"), bootstrap)) {
                // A bus line through two districts: the same matter, whichever district the caller is in.
                ids.add(call(producer, line + "公交车改线后不再经过人民街道，老人出行很不方便，希望恢复原线路。", "江北区"));
                ids.add(call(producer, line + "公交为什么改线？柳溪街道的居民去医院要多转两趟车，希望恢复原线路。", "江南区"));
                ids.add(call(producer, line + "公交线路调整后取消了多个站点，沿线居民出行困难，请重新论证。", "江南区"));
                awaitClustered(consumer, seen, ids);
                String clusterId = seen.get(ids.get(0)).path("clusterId").asText();
                assertThat(ids).allSatisfy(id -> assertThat(seen.get(id).path("clusterId").asText()).isEqualTo(clusterId));

                // Whichever instance held the index, the other one carries on with it.
                first.close();
                String later = call(producer, "希望" + line + "恢复原来的线路，改线后学生上学也不方便。", "江北区");
                awaitClustered(consumer, seen, List.of(later));
                assertThat(seen.get(later).path("clusterId").asText()).isEqualTo(clusterId);
                assertThat(seen.get(later).path("clusterSize").asInt()).isEqualTo(4);
            } finally {
                first.close();
            }
        }
    }

    private AppConfig config(String appId, String state) {
        return AppConfig.from(Map.of("EW_STATE_DIR", dir.resolve(state).toString(), "EW_METRICS_PORT", "0",
                "EW_APPLICATION_ID", appId));
    }

    /** Sends one hotline work order; returns its case id. */
    private String call(KafkaProducer<String, String> producer, String summary, String district) throws Exception {
        String orderNo = "CL" + run + "-" + (++order);
        producer.send(new ProducerRecord<>(Topics.INTAKE_HOTLINE, orderNo, """
                {"orderNo":"%s","callTime":"2026-11-0%dT10:00:00+08:00","callerNumber":"1390000%04d",\
                "summary":"来电人反映：%s","district":"%s","category":"城乡建设"}"""
                .formatted(orderNo, order, order, summary, district))).get();
        return "hotline:" + orderNo;
    }

    private void awaitClustered(KafkaConsumer<String, String> consumer, Map<String, JsonNode> seen, List<String> ids) {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                JsonNode c = JsonSerde.MAPPER.readTree(r.value());
                if (!c.path("caseId").asText().startsWith("hotline:CL" + run)) {
                    continue; // other tests' applications write to the same topic
                }
                // Exactly once: a case clustered twice would be a duplicate after a failover.
                assertThat(seen.put(c.path("caseId").asText(), c)).as("case %s clustered twice", c.path("caseId")).isNull();
            }
            assertThat(seen.keySet()).containsAll(ids);
        });
    }

    private static String chinese(String hex) {
        StringBuilder b = new StringBuilder();
        for (char c : hex.toCharArray()) {
            b.append("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳".charAt(Character.digit(c, 16)));
        }
        return b.toString();
    }
}

package io.earlywarning.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.intake.stream.IntakeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeTopologyTest {

    @TempDir
    Path state;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> letters;
    private TestInputTopic<byte[], byte[]> hotline;
    private TestInputTopic<byte[], byte[]> online;
    private TestOutputTopic<String, String> cases;
    private TestOutputTopic<String, String> duplicates;
    private TestOutputTopic<String, String> signals;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() {
        // In-memory stores: the test driver commits after every record, and RocksDB writes a file at each commit.
        AppConfig config = AppConfig.from(Map.of("EW_STATE_DIR", state.toString(), "EW_STATE_STORES", "in_memory"));
        registry = new SimpleMeterRegistry();
        IntakeMetrics metrics = new IntakeMetrics(registry);
        StreamsBuilder builder = new StreamsBuilder();
        EarlyWarningTopology.build(builder, config, metrics);
        Properties props = EarlyWarningTopology.streamsProperties(config, "unused:9092", metrics);
        driver = new TopologyTestDriver(builder.build(), props);
        ByteArraySerializer bytes = new ByteArraySerializer();
        letters = driver.createInputTopic(Topics.INTAKE_LETTERS_VISITS, bytes, bytes);
        hotline = driver.createInputTopic(Topics.INTAKE_HOTLINE, bytes, bytes);
        online = driver.createInputTopic(Topics.INTAKE_ONLINE, bytes, bytes);
        cases = driver.createOutputTopic(Topics.CASES, new StringDeserializer(), new StringDeserializer());
        duplicates = driver.createOutputTopic(Topics.INTAKE_DUPLICATES, new StringDeserializer(), new StringDeserializer());
        signals = driver.createOutputTopic(Topics.SIGNALS, new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final String VISIT = """
            {"registrationNo":"XF20260302-0001","kind":"visit","receivedAt":"2026-03-02T09:15:00+08:00",
             "petitioner":{"name":"王建国","phone":"13812345678","idNumber":"430104198001011234"},
             "address":"江北区城关街道旭辉·紫金苑3栋","headcount":12,"accusedUnit":"城关街道办事处",
             "request":"我们是旭辉紫金苑小区业主，王建国代表大家反映：开发商延期交房两年，电话13812345678，请求尽快交房。"}
            """;

    @Test
    void collectiveVisitBecomesAPseudonymizedCaseWithItsPlace() throws Exception {
        letters.pipeInput(utf8(VISIT));

        JsonNode c = JsonSerde.MAPPER.readTree(cases.readValue());
        assertThat(c.path("caseId").asText()).isEqualTo("letters-visits:XF20260302-0001");
        assertThat(c.path("channel").asText()).isEqualTo("letters-visits");
        assertThat(c.path("receivedAt").asText()).isEqualTo("2026-03-02T09:15:00+08:00");
        assertThat(c.path("headcount").asInt()).isEqualTo(12);
        assertThat(c.path("collective").asBoolean()).isTrue();
        assertThat(c.path("accusedUnit").asText()).isEqualTo("城关街道办事处");
        assertThat(c.path("district").asText()).isEqualTo("江北区");
        assertThat(c.path("town").asText()).isEqualTo("城关街道");
        assertThat(c.path("estate").asText()).isEqualTo("旭辉紫金苑");
        assertThat(c.path("petitionerKey").asText()).startsWith("pk_");
        String json = c.toString();
        assertThat(json).doesNotContain("王建国", "13812345678", "430104198001011234");
        assertThat(c.path("text").asText()).contains("[电话]", "[姓名]");
    }

    @Test
    void hotlineCallerAndVisitorWithOnePhoneShareOnePetitionerKey() throws Exception {
        letters.pipeInput(utf8(VISIT));
        hotline.pipeInput(utf8("""
                {"orderNo":"GD-1","callTime":"2026-03-03T21:00:00+08:00","callerNumber":"+86 138-1234-5678",
                 "summary":"来电人反映旭辉紫金苑延期交房","district":"江北区","category":"城乡建设"}"""));
        List<JsonNode> out = cases.readValuesToList().stream().map(this::parse).toList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).path("petitionerKey")).isEqualTo(out.get(1).path("petitionerKey"));
        assertThat(out.get(1).path("category").asText()).isEqualTo("城乡建设");
        assertThat(out.get(1).path("categorySource").asText()).isEqualTo("source");
    }

    @Test
    void aCityMessageIsAcceptedOnTheOnlineTopicAsItIs() throws Exception {
        online.pipeInput(utf8("""
                {"messageId": "3742", "userId": "A00013884", "subject": "A3区杜鹃文苑小区外的非法汽车检测站要开业了！",
                 "postedAt": "2018-12-26T10:13:37+08:00", "body": "我们是A市A3区杜鹃文苑小区的业主，小区外一家汽车检测站噪音污染严重。",
                 "likes": 0, "dislikes": 0}"""));
        JsonNode c = parse(cases.readValue());
        assertThat(c.path("caseId").asText()).isEqualTo("online:3742");
        assertThat(c.path("estate").asText()).isEqualTo("杜鹃文苑小区");
        assertThat(c.path("categorySource").asText()).isEqualTo("inferred");
        assertThat(c.toString()).doesNotContain("A00013884");
    }

    @Test
    void typosOfAnEstateNoGazetteerListsCountAsOneEstate() throws Exception {
        String template = """
                {"messageId": "%s", "userId": "A0%s", "subject": "%s物业乱收费", "postedAt": "2019-0%s-01T10:00:00+08:00",
                 "body": "A5区%s小区物业擅自上调物业费。"}""";
        online.pipeInput(utf8(template.formatted("9001", "1", "丽发新城", "3", "丽发新城")));
        online.pipeInput(utf8(template.formatted("9002", "2", "丽法新城", "4", "丽法新城")));
        online.pipeInput(utf8(template.formatted("9003", "3", "麗發新城", "5", "麗發新城")));
        List<JsonNode> out = cases.readValuesToList().stream().map(this::parse).toList();
        assertThat(out).extracting(c -> c.path("estateKey").asText()).containsExactly("丽发新城", "丽发新城", "丽发新城");
        assertThat(out).extracting(c -> c.path("district").asText()).containsOnly("A5区");
    }

    @Test
    void eachKindOfBadInputIsRejectedForItsOwnReason() {
        Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
        bad.put("INVALID_JSON", utf8("{\"orderNo\": \"GD-2\", "));
        bad.put("WRONG_TYPE", utf8("{\"orderNo\":\"GD-3\",\"callTime\":\"2026-03-03T21:00:00+08:00\",\"callerNumber\":13800000000,\"summary\":\"噪音\"}"));
        bad.put("MISSING_FIELD", utf8("{\"orderNo\":\"GD-4\",\"callTime\":\"2026-03-03T21:00:00+08:00\",\"callerNumber\":\"1\"}"));
        bad.put("NOT_UTF8", "{\"orderNo\":\"GD-5\",\"callTime\":\"2026-03-03T21:00:00+08:00\",\"callerNumber\":\"1\",\"summary\":\"小区停水三天\"}"
                .getBytes(Charset.forName("GBK")));
        bad.put("CONTROL_CHARACTERS", utf8("{\"orderNo\":\"GD-6\",\"callTime\":\"2026-03-03T21:00:00+08:00\",\"callerNumber\":\"1\",\"summary\":\"停水\\u0007三天\"}"));
        bad.put("TOO_LARGE", utf8("{\"orderNo\":\"GD-7\",\"callTime\":\"2026-03-03T21:00:00+08:00\",\"callerNumber\":\"1\",\"summary\":\""
                + "水".repeat(400_000) + "\"}"));
        bad.put("INVALID_VALUE", utf8("{\"orderNo\":\"GD-8\",\"callTime\":\"2026-02-30T21:00:00+08:00\",\"callerNumber\":\"1\",\"summary\":\"停水\"}"));
        bad.values().forEach(hotline::pipeInput);

        // TopologyTestDriver does not capture dead-letter records; IntakeConservationIT reads them from a real
        // broker. Here: every record was rejected, for its own reason, and none became a case.
        assertThat(cases.isEmpty()).isTrue();
        for (String reason : bad.keySet()) {
            assertThat(registry.get(IntakeMetrics.REJECTED).tag("reason", reason).counters().stream()
                    .mapToDouble(io.micrometer.core.instrument.Counter::count).sum())
                    .as("rejections for %s", reason).isEqualTo(1.0);
        }
    }

    @Test
    void aResentRecordIsDroppedAndCountedNotTurnedIntoASecondCase() {
        letters.pipeInput(utf8(VISIT));
        letters.pipeInput(utf8(VISIT));
        assertThat(cases.readValuesToList()).hasSize(1);
        assertThat(duplicates.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("letters-visits:XF20260302-0001");
            JsonNode d = parse(kv.value);
            assertThat(d.path("reason").asText()).startsWith("duplicate source id XF20260302-0001: first arrived");
            assertThat(d.path("sourceTopic").asText()).isEqualTo(Topics.INTAKE_LETTERS_VISITS);
            assertThat(d.path("sourceOffset").asLong()).isEqualTo(1);
            assertThat(kv.value).doesNotContain("王建国", "13812345678");
        });
    }

    @Test
    void aThreatInAHotlineSummaryRaisesAThreatSignalAndALawfulComplaintDoesNot() throws Exception {
        hotline.pipeInput(utf8("""
                {"orderNo":"GD-T1","callTime":"2026-03-05T10:00:00+08:00","callerNumber":"13700001111",
                 "summary":"来电人称工资拖欠半年，如果月底前还不给钱，就喝农药死在公司门口","district":"青山县","category":"劳动和社会保障"}"""));
        hotline.pipeInput(utf8("""
                {"orderNo":"GD-T2","callTime":"2026-03-05T11:00:00+08:00","callerNumber":"13700002222",
                 "summary":"来电人称工资拖欠半年，如果再不解决将向法院起诉并联系媒体","district":"青山县","category":"劳动和社会保障"}"""));
        List<JsonNode> out = signals.readValuesToList().stream().map(this::parse).toList();
        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.path("type").asText()).isEqualTo("THREAT");
            assertThat(s.path("caseId").asText()).isEqualTo("hotline:GD-T1");
            assertThat(s.path("signalId").asText()).isEqualTo("THREAT:hotline:GD-T1");
            assertThat(s.path("category").asText()).isEqualTo("self_harm");
            assertThat(s.path("detectedAt").asText()).isEqualTo("2026-03-05T10:00:00+08:00");
            assertThat(s.path("evidence").get(0).path("text").asText()).isEqualTo("喝农药");
            assertThat(s.toString()).doesNotContain("13700001111");
        });
    }

    @Test
    void aResendOfAnOldCaseAfterNewerOnesIsStillADuplicate() {
        letters.pipeInput(utf8(VISIT));
        hotline.pipeInput(utf8("""
                {"orderNo":"GD-NEW","callTime":"2027-06-01T10:00:00+08:00","callerNumber":"1",
                 "summary":"一年以后的工单","district":"江北区","category":"城乡建设"}"""));
        letters.pipeInput(utf8(VISIT));
        assertThat(cases.readValuesToList()).hasSize(2);
        assertThat(duplicates.readValuesToList()).hasSize(1);
    }

    private JsonNode parse(String s) {
        try {
            return JsonSerde.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

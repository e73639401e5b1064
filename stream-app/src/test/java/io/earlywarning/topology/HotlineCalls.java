package io.earlywarning.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.app.AppConfig;
import io.earlywarning.intake.stream.IntakeMetrics;
import io.earlywarning.warning.ActiveRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The whole topology in a test driver, fed with 12345 hotline calls; read any output topic as JSON. */
final class HotlineCalls implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> hotline;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final java.time.Duration maxWait;
    private int order;

    HotlineCalls(Path state, ActiveRules rules) {
        this(state, rules, Map.of());
    }

    /** With settings of {@code env} (environment variables, {@link io.earlywarning.app.Setting}) over the defaults. */
    HotlineCalls(Path state, ActiveRules rules, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("EW_STATE_DIR", state.toString());
        // The test driver commits after every record, and a RocksDB store writes a file at every commit: with the
        // topology's dozen stores that was ~170 ms a call. The stages' logic is the same on either store.
        all.putIfAbsent("EW_STATE_STORES", "in_memory");
        AppConfig config = AppConfig.from(all);
        maxWait = config.eventTimeOrder().maxWait();
        IntakeMetrics metrics = new IntakeMetrics(registry);
        StreamsBuilder builder = new StreamsBuilder();
        EarlyWarningTopology.build(builder, config, metrics, rules);
        driver = new TopologyTestDriver(builder.build(),
                EarlyWarningTopology.streamsProperties(config, "unused:9092", metrics));
        hotline = driver.createInputTopic(Topics.INTAKE_HOTLINE, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** One call: the work order the hotline system would send. */
    void call(OffsetDateTime at, String phone, String summary, String district, String category) {
        call(at, at, phone, summary, district, category);
    }

    /**
     * One call made at {@code at} that reaches the broker at {@code arrival} (a backlog entered late, a replay of an
     * old stream): the record time Kafka gives it is the arrival, the call time is in the work order.
     */
    void call(OffsetDateTime at, OffsetDateTime arrival, String phone, String summary, String district, String category) {
        call(++order, at, arrival, phone, summary, district, category);
    }

    /** One call with work order number {@code orderNo} (its case id), whatever order the calls are sent in. */
    void call(int orderNo, OffsetDateTime at, OffsetDateTime arrival, String phone, String summary, String district,
              String category) {
        String json = String.format("""
                {"orderNo":"GD%05d","callTime":"%s","callerNumber":"%s","summary":"%s","district":"%s","category":"%s"}""",
                orderNo, at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), phone, summary, district, category);
        hotline.pipeInput(null, json.getBytes(StandardCharsets.UTF_8), arrival.toInstant());
    }

    /** The meters the topology registered. */
    SimpleMeterRegistry registry() {
        return registry;
    }

    /** Raw bytes onto any input topic (a producer writing outside the application's schemas). */
    void pipeRaw(String topic, String value) {
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(null, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Raw bytes onto any input topic, with the record time a producer would give them. */
    void pipeRaw(String topic, String value, OffsetDateTime at) {
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(null, value.getBytes(StandardCharsets.UTF_8), at.toInstant());
    }

    /**
     * Lets the wall clock run past the longest wait of event-time order, once per ordered stage a record can pass on
     * its way to a warning (estate registry, clustering or surges, warnings): what the stages hold comes out, as it
     * would from a quiet live stream a few seconds later.
     */
    void settle() {
        for (int stage = 0; stage < 3; stage++) {
            driver.advanceWallClockTime(maxWait.plusSeconds(1));
        }
    }

    /** Records written to {@code topic} since the last read, with headers. */
    List<org.apache.kafka.streams.test.TestRecord<String, String>> readRecords(String topic) {
        settle();
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer()).readRecordsToList();
    }

    /** Everything written to {@code topic} since the last read. */
    List<JsonNode> read(String topic) {
        settle();
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer()).readValuesToList()
                .stream().map(v -> {
                    try {
                        return JsonSerde.MAPPER.readTree(v);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    /** A state store of the topology, to look at what a stage remembers. */
    <V> org.apache.kafka.streams.state.KeyValueStore<String, V> store(String name) {
        settle();
        return driver.getKeyValueStore(name);
    }

    @Override
    public void close() {
        driver.close();
    }
}

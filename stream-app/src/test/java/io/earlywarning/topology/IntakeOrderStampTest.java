package io.earlywarning.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Two intake topics {@code a} and {@code b}; records are "eventTimeMs,name"; a partition is idle after 1 s. */
class IntakeOrderStampTest {

    private static final String STORE = "intake-order-watermarks";

    @TempDir
    Path state;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> a;
    private TestInputTopic<String, String> b;
    private TestOutputTopic<String, String> out;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.Long()));
        builder.stream("a", Consumed.with(Serdes.String(), Serdes.String()))
                .merge(builder.stream("b", Consumed.with(Serdes.String(), Serdes.String())))
                .process(() -> new IntakeOrderStamp<String>(STORE, List.of("a", "b"), Duration.ofSeconds(1),
                        v -> Long.parseLong(v.split(",")[0])), STORE)
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "stamp-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        driver = new TopologyTestDriver(builder.build(), p);
        a = driver.createInputTopic("a", new StringSerializer(), new StringSerializer());
        b = driver.createInputTopic("b", new StringSerializer(), new StringSerializer());
        out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static long orderTime(TestRecord<String, String> r) {
        return IntakeOrderStamp.headerLong(r.headers(), IntakeOrderStamp.ORDER_TIME);
    }

    private static String header(TestRecord<String, String> r, String key) {
        return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    @Test
    void eachRecordCarriesItsOrderTimeIntakePartitionAndOffset() {
        a.pipeInput("c1", "500,first");
        b.pipeInput("c2", "200,second");
        List<TestRecord<String, String>> stamped = out.readRecordsToList();
        assertThat(stamped).extracting(TestRecord::value).containsExactly("500,first", "200,second");
        assertThat(stamped).extracting(IntakeOrderStampTest::orderTime).containsExactly(500L, 200L);
        assertThat(stamped).extracting(r -> header(r, IntakeOrderStamp.ORDER_PARTITION)).containsExactly("a:0", "b:0");
        assertThat(stamped).extracting(r -> IntakeOrderStamp.headerLong(r.headers(), IntakeOrderStamp.ORDER_OFFSET))
                .containsExactly(0L, 0L);
    }

    @Test
    void aRecordLateInItsPartitionTakesThePartitionsWatermarkAndEarlierOnesOfOtherPartitionsDoNot() {
        a.pipeInput("c1", "500,new");
        a.pipeInput("c2", "300,late");
        b.pipeInput("c3", "300,other partition");
        assertThat(out.readRecordsToList()).extracting(IntakeOrderStampTest::orderTime).containsExactly(500L, 500L, 300L);
    }

    @Test
    void theWatermarkComesFromTheChangeloggedStoreSoARestartedTaskStampsAsBefore() {
        a.pipeInput("c1", "500,first");
        org.apache.kafka.streams.state.KeyValueStore<String, Long> store = driver.getKeyValueStore(STORE);
        assertThat(store.get("a:0")).isEqualTo(500L);
        store.put("a:0", 900L); // as restored from the changelog after records up to 900
        a.pipeInput("c2", "700,after the restart");
        assertThat(out.readRecordsToList()).extracting(IntakeOrderStampTest::orderTime).containsExactly(500L, 900L);
    }

    @Test
    void markersReportEachOwnedPartitionAndMarkOneIdleAfterASecondWithoutRecords() {
        a.pipeInput("c1", "500,first");
        out.readRecordsToList();
        driver.advanceWallClockTime(Duration.ofMillis(500));
        assertThat(markers()).containsExactly("a:0 500 live", "b:0 " + IntakeWatermarks.NOTHING + " live");
        driver.advanceWallClockTime(Duration.ofMillis(500));
        assertThat(markers()).containsExactly("a:0 500 idle", "b:0 " + IntakeWatermarks.NOTHING + " idle");
        b.pipeInput("c2", "800,second");
        out.readRecordsToList();
        driver.advanceWallClockTime(Duration.ofMillis(500));
        assertThat(markers()).containsExactly("a:0 500 idle", "b:0 800 live");
    }

    private List<String> markers() {
        return out.readRecordsToList().stream()
                .peek(r -> assertThat(r.key()).isEqualTo(IntakeOrderStamp.MARKER_KEY))
                .peek(r -> assertThat(r.value()).isNull())
                .map(r -> header(r, IntakeOrderStamp.ORDER_PARTITION) + " " + orderTime(r) + " "
                        + (IntakeOrderStamp.idle(r.headers()) ? "idle" : "live"))
                .toList();
    }
}

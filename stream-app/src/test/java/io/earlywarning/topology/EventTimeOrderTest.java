package io.earlywarning.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Records are "eventTimeMs,name"; the stage holds them for a grace of 1,000 ms of event time or 5 s of wall time. */
class EventTimeOrderTest {

    private static final String STORE = EventTimeOrder.storeName("test");

    @TempDir
    Path state;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> in;
    private TestOutputTopic<String, String> out;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                new JsonSerde<>(EventTimeOrder.Held.class)));
        EventTimeOrder.Settings settings = new EventTimeOrder.Settings(Duration.ofMillis(1000), Duration.ofSeconds(5));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new EventTimeOrder<String>(STORE, settings, Serdes.String(),
                        v -> v.startsWith("-") ? null : Long.parseLong(v.split(",")[0]), (k, v) -> v, registry), STORE)
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "order-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        driver = new TopologyTestDriver(builder.build(), p);
        in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
        out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(String... values) {
        for (String v : values) {
            in.pipeInput("k", v);
        }
    }

    private double held() {
        return registry.get("ew_event_time_order_held").tag("store", STORE).gauge().value();
    }

    @Test
    void recordsComeOutInEventTimeOrderOnceANewerOneIsTheGracePastThem() {
        send("300,c", "100,a", "200,b");
        assertThat(out.readValuesToList()).isEmpty();
        assertThat(held()).isEqualTo(3);

        send("1300,d");
        assertThat(out.readValuesToList()).containsExactly("100,a", "200,b", "300,c");
        assertThat(held()).isEqualTo(1);
    }

    @Test
    void equalTimesComeOutByTheirTieBreakWhateverTheirArrival() {
        send("100,b", "100,a", "5000,z");
        assertThat(out.readValuesToList()).containsExactly("100,a", "100,b");
    }

    @Test
    void aRecordBehindWhatWasReleasedPassesAtOnceAndIsCountedLate() {
        send("100,a", "2000,b");
        assertThat(out.readValuesToList()).containsExactly("100,a");
        send("50,late");
        assertThat(out.readValuesToList()).containsExactly("50,late");
        assertThat(registry.get("ew_event_time_order_late_total").counter().count()).isEqualTo(1);
    }

    @Test
    void aQuietStreamIsReleasedAfterTheLongestWaitInOrder() {
        send("200,b", "100,a");
        driver.advanceWallClockTime(Duration.ofSeconds(4));
        assertThat(out.readValuesToList()).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(out.readValuesToList()).containsExactly("100,a", "200,b");
        assertThat(held()).isZero();
        // Released by wall clock: an older record now is late, a newer one waits again.
        send("150,c", "300,d");
        assertThat(out.readValuesToList()).containsExactly("150,c");
    }

    @Test
    void aRecordWithoutEventTimePassesAtOnce() {
        send("100,a", "-no time");
        assertThat(out.readValuesToList()).containsExactly("-no time");
    }

    @Test
    void sortKeysOrderAsTheTimesDoNegativeOnesToo() {
        assertThat(EventTimeOrder.sortKey(-5)).isLessThan(EventTimeOrder.sortKey(5));
        assertThat(EventTimeOrder.sortKey(Long.MIN_VALUE)).isLessThan(EventTimeOrder.sortKey(-1));
        assertThat(EventTimeOrder.sortKey(999)).isLessThan(EventTimeOrder.sortKey(1000));
        assertThat(EventTimeOrder.sortKey(Long.MAX_VALUE - 1)).isLessThan("~");
    }
}

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
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ordered core's hop in the test driver: intake topics {@code a} and {@code b} ("eventTimeMs,name" records)
 * stamped, through a one-partition repartition topic, into {@link WatermarkOrder}. A partition is idle after 1 s; the
 * core settles 2 s after a start unless a test says otherwise.
 */
class WatermarkOrderTest {

    private static final String STAMPS = "intake-order-watermarks";
    private static final String HELD = "core-input-order";

    @TempDir
    Path one;
    @TempDir
    Path other;

    /** One hop under test, with its inputs and output. */
    private record Hop(TopologyTestDriver driver, TestInputTopic<String, String> a, TestInputTopic<String, String> b,
                       TestOutputTopic<String, String> output) implements AutoCloseable {

        static Hop start(Path state) {
            return start(state, Duration.ofSeconds(2));
        }

        static Hop start(Path state, Duration settle) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STAMPS), Serdes.String(),
                    Serdes.Long()));
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD), Serdes.String(),
                    new JsonSerde<>(EventTimeOrder.Held.class)));
            IntakeWatermarks.Settings settings = new IntakeWatermarks.Settings(settle, Duration.ofSeconds(30));
            builder.stream("a", Consumed.with(Serdes.String(), Serdes.String()))
                    .merge(builder.stream("b", Consumed.with(Serdes.String(), Serdes.String())))
                    .process(() -> new IntakeOrderStamp<String>(STAMPS, List.of("a", "b"), Duration.ofSeconds(1),
                            v -> Long.parseLong(v.split(",")[0])), STAMPS)
                    .repartition(Repartitioned.with(Serdes.String(), Serdes.String()).withName("core-input")
                            .withNumberOfPartitions(1))
                    .process(() -> new WatermarkOrder<>(HELD, settings, Serdes.String()), HELD)
                    .to("out", Produced.with(Serdes.String(), Serdes.String()));
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, "watermark-order-test");
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
            TopologyTestDriver driver = new TopologyTestDriver(builder.build(), p);
            return new Hop(driver,
                    driver.createInputTopic("a", new StringSerializer(), new StringSerializer()),
                    driver.createInputTopic("b", new StringSerializer(), new StringSerializer()),
                    driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()));
        }

        void wait(int millis) {
            driver.advanceWallClockTime(Duration.ofMillis(millis));
        }

        List<String> out() {
            return output.readValuesToList();
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    @Test
    void twoInterleavingsOfTwoIntakePartitionsComeOutInOneOrder() {
        List<String> first;
        try (Hop hop = Hop.start(one)) {
            hop.a.pipeInput("1", "100,a1");
            hop.a.pipeInput("3", "300,a3");
            hop.a.pipeInput("5", "500,a5");
            hop.b.pipeInput("2", "200,b2");
            hop.b.pipeInput("4", "400,b4");
            assertThat(hop.out()).isEmpty();
            hop.wait(2_500);
            first = hop.out();
        }
        try (Hop hop = Hop.start(other)) {
            hop.b.pipeInput("2", "200,b2");
            hop.b.pipeInput("4", "400,b4");
            hop.a.pipeInput("1", "100,a1");
            hop.a.pipeInput("3", "300,a3");
            hop.a.pipeInput("5", "500,a5");
            hop.wait(2_500);
            assertThat(hop.out()).isEqualTo(first).containsExactly("100,a1", "200,b2", "300,a3", "400,b4", "500,a5");
        }
    }

    @Test
    void whileBothPartitionsFlowRecordsGoOutBelowTheSlowerOnesWatermark() {
        // No settling, so that both partitions are live (an idle one holds nothing back: its records may be late).
        try (Hop hop = Hop.start(one, Duration.ZERO)) {
            hop.a.pipeInput("1", "100,a1");
            hop.b.pipeInput("2", "200,b2");
            assertThat(hop.out()).isEmpty(); // a is at 100: 100 waits
            hop.a.pipeInput("3", "300,a3");
            assertThat(hop.out()).containsExactly("100,a1"); // b is at 200
            hop.b.pipeInput("4", "400,b4");
            assertThat(hop.out()).containsExactly("200,b2");
            hop.wait(1_500); // both idle
            assertThat(hop.out()).containsExactly("300,a3", "400,b4");
        }
    }

    @Test
    void aRecordBehindWhatWentOutPassesAtOnceAsOneFromAPartitionBackFromIdleMayBe() {
        try (Hop hop = Hop.start(one)) {
            hop.wait(2_000);
            hop.a.pipeInput("5", "500,a5");
            hop.wait(1_500);
            assertThat(hop.out()).containsExactly("500,a5");
            hop.b.pipeInput("0", "50,b0");
            assertThat(hop.out()).containsExactly("50,b0");
            // While b was idle, a's 700 let everything below it go: b's 600, back from idle, is behind that.
            hop.wait(1_500);
            hop.a.pipeInput("7", "700,a7");
            hop.b.pipeInput("6", "600,b6");
            assertThat(hop.out()).containsExactly("600,b6");
        }
    }
}

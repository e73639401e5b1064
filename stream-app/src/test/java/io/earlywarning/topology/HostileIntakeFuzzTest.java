package io.earlywarning.topology;

import io.earlywarning.app.AppConfig;
import io.earlywarning.domain.Channel;
import io.earlywarning.intake.HostileRecords;
import io.earlywarning.intake.stream.IntakeMetrics;
import io.earlywarning.privacy.PersonalDataMasker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz, property-based: malformed or hostile records through the whole topology (2,000 in the default run,
 * 10,000 with {@code -Djqwik.tries.default=10000}). None may crash it, and
 * each comes out exactly once: as a case, as a counted duplicate, or as a dead letter with its reason; and no phone
 * or ID number, in whatever field it came, reaches a case. (The test
 * driver drops the dead letters of records it cannot deserialize, so rejections are counted by the rejection
 * metric; {@code HostileIntakeIT} reads the dead letters themselves from a real broker.)
 */
class HostileIntakeFuzzTest {

    private Path state;
    private TopologyTestDriver driver;
    private final Map<Channel, TestInputTopic<byte[], byte[]>> intake = new EnumMap<>(Channel.class);
    private TestOutputTopic<String, String> cases;
    private TestOutputTopic<String, String> duplicates;
    private SimpleMeterRegistry registry;
    private final PersonalDataMasker masker = new PersonalDataMasker();
    private long casesOut;
    private long duplicatesOut;
    private Instant clock = Instant.parse("2026-05-04T00:00:00Z");

    @BeforeProperty
    void start() throws IOException {
        state = Files.createTempDirectory("hostile-intake-");
        // In-memory stores: the test driver commits after every record, and RocksDB writes a file at each commit.
        AppConfig config = AppConfig.from(Map.of("EW_STATE_DIR", state.toString(), "EW_STATE_STORES", "in_memory"));
        registry = new SimpleMeterRegistry();
        IntakeMetrics metrics = new IntakeMetrics(registry);
        StreamsBuilder builder = new StreamsBuilder();
        EarlyWarningTopology.build(builder, config, metrics);
        driver = new TopologyTestDriver(builder.build(), EarlyWarningTopology.streamsProperties(config, "unused:9092", metrics));
        for (Channel c : Channel.values()) {
            intake.put(c, driver.createInputTopic(Topics.intakeTopic(c), new ByteArraySerializer(), new ByteArraySerializer()));
        }
        cases = driver.createOutputTopic(Topics.CASES, new StringDeserializer(), new StringDeserializer());
        duplicates = driver.createOutputTopic(Topics.INTAKE_DUPLICATES, new StringDeserializer(), new StringDeserializer());
    }

    @AfterProperty
    void stop() throws IOException {
        driver.close();
        try (Stream<Path> files = Files.walk(state)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<HostileRecords.Hostile> hostile() {
        return HostileRecords.any();
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    void everyHostileRecordComesOutOnceAsACaseADuplicateOrADeadLetter(@ForAll("hostile") HostileRecords.Hostile h)
            throws IOException {
        long before = accounted();
        clock = clock.plusSeconds(37);
        intake.get(h.channel()).pipeInput(h.key(), h.value(), clock);
        assertThat(accounted() - before).as("records out for %s", h).isEqualTo(1);
    }

    private long accounted() throws IOException {
        for (var r : cases.readRecordsToList()) {
            casesOut++;
            // Whatever a field carried, no phone or ID number reaches a case (the pseudonym aside: hex, no number).
            var json = (com.fasterxml.jackson.databind.node.ObjectNode) JsonSerde.MAPPER.readTree(r.value());
            json.remove("petitionerKey");
            assertThat(masker.containsPersonalNumber(json.toString())).as("personal number in case %s", json).isFalse();
        }
        duplicatesOut += duplicates.readRecordsToList().size();
        double rejected = registry.find(IntakeMetrics.REJECTED).counters().stream().mapToDouble(Counter::count).sum();
        return casesOut + duplicatesOut + (long) rejected;
    }
}

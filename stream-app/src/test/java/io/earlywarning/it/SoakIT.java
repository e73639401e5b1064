package io.earlywarning.it;

import io.earlywarning.app.AppConfig;
import io.earlywarning.bench.Benchmark;
import io.earlywarning.bench.Soak;
import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.kafka.TopicProvisioner;
import io.earlywarning.place.Gazetteer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short soak on the real broker: the machinery of {@code bench --soak} (steady feed, samples of lag, heap and
 * latency, the drain afterwards) measures what it says. The ten-minute run at 1,000 a second is the benchmark's.
 */
class SoakIT {

    @TempDir
    Path state;

    @Test
    void aShortSoakSamplesLagHeapAndLatencyAndDrainsAfterwards() throws Exception {
        String bootstrap = KafkaForTests.bootstrapServers();
        AppConfig config = AppConfig.from(Map.of("EW_STATE_DIR", state.toString(), "EW_METRICS_PORT", "0"));
        TopicProvisioner.ensureTopics(bootstrap, config);

        Soak.Result r = new Soak(new Benchmark(bootstrap, config, state), bootstrap)
                .run(new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY)), 100, Duration.ofSeconds(25));

        assertThat(r.samples()).hasSizeGreaterThanOrEqualTo(2);
        Soak.Sample last = r.samples().get(r.samples().size() - 1);
        assertThat(last.sent()).as("sent at the rate asked for").isBetween(2_300L, 2_550L);
        assertThat(last.casesOut()).as("cases come out while sending").isPositive();
        assertThat(r.samples()).allSatisfy(s -> assertThat(s.heapUsedMiB()).isPositive());
        assertThat(r.samples()).anySatisfy(s -> assertThat(s.latencySamples()).isPositive());
        assertThat(r.lagLeft()).as("the backlog drains once sending stops").isZero();
        String report = Soak.markdown(java.util.List.of(r), "test run.");
        assertThat(report).contains("## Soak").contains("| 1 |").contains("drained in").contains("### 100 records a second");
    }
}

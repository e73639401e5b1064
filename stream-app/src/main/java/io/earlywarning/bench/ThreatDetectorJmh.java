package io.earlywarning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.threat.ThreatDetector;
import io.earlywarning.threat.ThreatRules;
import io.earlywarning.topology.JsonSerde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH: threat detection on one thread, one text per operation — the hand-written labelled texts (short, like
 * hotline summaries) and the real A-city messages (long web posts). Run by {@code bin/early-warning bench --jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThreatDetectorJmh {

    /** {@code hand-written} (threat-eval.jsonl) or {@code a-city} (../shared/data/a-city-messages/messages.jsonl). */
    @Param({"hand-written", "a-city"})
    public String texts;

    private ThreatDetector detector;
    private String[] all;
    private int next;

    @Setup
    public void setUp() throws IOException {
        detector = new ThreatDetector(ThreatRules.bundled());
        if (texts.equals("a-city")) {
            List<String> lines = Files.readAllLines(Path.of("..", "shared", "data", "a-city-messages", "messages.jsonl"),
                    StandardCharsets.UTF_8);
            all = new String[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                JsonNode j = JsonSerde.MAPPER.readTree(lines.get(i));
                all[i] = j.path("subject").asText() + "。" + j.path("body").asText();
            }
        } else {
            all = ThreatEvaluation.labelled().stream().map(ThreatEvaluation.Labelled::text).toArray(String[]::new);
        }
    }

    /** One text assessed; the verdict is returned so the JIT cannot drop the work. */
    @Benchmark
    public boolean assessOneText() {
        String t = all[next];
        next = next + 1 == all.length ? 0 : next + 1;
        return detector.assess(t).threat();
    }
}

package io.earlywarning.cli;

import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.generator.GeneratedStream;
import io.earlywarning.place.Gazetteer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a realistic, labelled stream of the demo city: letters-visits.jsonl, hotline.jsonl,",
                "online.jsonl (each in its source format) and truth.json (clusters, surges, threats, hard negatives,",
                "whistle-blowing). The same seed gives identical bytes."})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--days", defaultValue = "30", description = "Days of stream (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--per-day", defaultValue = "80", description = "Average cases a day (default: ${DEFAULT-VALUE}).")
    int perDay;

    @Option(names = "--start", description = "First day, ISO-8601 with offset (default: 2026-03-02T00:00+08:00, a Monday).")
    OffsetDateTime start;

    @Option(names = "--out", required = true, description = "Directory to write to.")
    Path out;

    @Override
    public Integer call() throws Exception {
        GeneratedStream stream = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY))
                .generate(seed, days, start == null ? DemoStreamGenerator.DEFAULT_START : start, perDay);
        stream.writeTo(out);
        System.out.printf("%d records over %d days written to %s (ground truth: %s)%n", stream.records().size(), days,
                out, out.resolve(GeneratedStream.TRUTH_FILE));
        return 0;
    }
}

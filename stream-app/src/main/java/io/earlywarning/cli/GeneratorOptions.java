package io.earlywarning.cli;

import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.generator.GeneratedStream;
import io.earlywarning.place.Gazetteer;
import picocli.CommandLine.Option;

import java.time.OffsetDateTime;

/** The generator's options, shared by {@code generate} and {@code demo}. */
public final class GeneratorOptions {

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--days", defaultValue = "30", description = "Days of generated stream (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--per-day", defaultValue = "80", description = "Average cases a day (default: ${DEFAULT-VALUE}).")
    int perDay;

    @Option(names = "--start", description = "First day, ISO-8601 with offset (default: 2026-03-02T00:00:00+08:00, a Monday).")
    OffsetDateTime start;

    /** The demo-city stream these options describe. */
    GeneratedStream generate() {
        return new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY))
                .generate(seed, days, start == null ? DemoStreamGenerator.DEFAULT_START : start, perDay);
    }
}

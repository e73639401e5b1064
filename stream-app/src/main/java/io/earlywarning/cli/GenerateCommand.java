package io.earlywarning.cli;

import io.earlywarning.generator.GeneratedStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a realistic, labelled stream of the demo city: letters-visits.jsonl, hotline.jsonl, "
                + "online.jsonl (each in its source format) and truth.json (clusters, surges, threats, hard "
                + "negatives, whistle-blowing). The same seed gives identical bytes.")
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    GeneratorOptions generator;

    @Option(names = "--out", required = true, description = "Directory to write to.")
    Path out;

    @Override
    public Integer call() throws Exception {
        GeneratedStream stream = generator.generate();
        stream.writeTo(out);
        System.out.printf("%d records over %d days written to %s (ground truth: %s)%n", stream.records().size(), generator.days,
                out, out.resolve(GeneratedStream.TRUTH_FILE));
        return 0;
    }
}

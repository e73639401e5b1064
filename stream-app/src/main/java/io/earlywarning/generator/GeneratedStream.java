package io.earlywarning.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.earlywarning.domain.Channel;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A generated, labelled stream: the records of all channels in time order, and the ground truth (same-matter
 * clusters, surges with onset and end, threats and hard negatives, whistle-blowing petitions).
 */
public record GeneratedStream(List<GeneratedRecord> records, ObjectNode truth) {

    public static final String TRUTH_FILE = "truth.json";

    public static String fileOf(Channel channel) {
        return channel.id() + ".jsonl";
    }

    /** Writes one JSON-lines file per channel and {@code truth.json}; identical bytes for identical streams. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Channel channel : Channel.values()) {
            try (Writer w = Files.newBufferedWriter(dir.resolve(fileOf(channel)), StandardCharsets.UTF_8)) {
                for (GeneratedRecord r : records) {
                    if (r.channel() == channel) {
                        w.write(r.json());
                        w.write('\n');
                    }
                }
            }
        }
        Files.writeString(dir.resolve(TRUTH_FILE),
                DemoStreamGenerator.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(truth) + "\n",
                StandardCharsets.UTF_8);
    }
}

package io.earlywarning.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.earlywarning.domain.Channel;
import io.earlywarning.generator.GeneratedStream;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.topology.Topics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads files to replay: a JSON-lines file in one named format, or a directory written by {@code generate} (all
 * three channels, merged in time order). Lines are sent as they are, byte for byte; a line that is not JSON is
 * still sent (intake will reject it with its reason), paced as the line before it.
 */
public final class ReplaySource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplaySource() {
    }

    public static List<ReplayRecord> read(Path path, IntakeFormat format) throws IOException {
        List<ReplayRecord> records = new ArrayList<>();
        if (Files.isDirectory(path)) {
            for (Channel channel : Channel.values()) {
                Path file = path.resolve(GeneratedStream.fileOf(channel));
                if (Files.exists(file)) {
                    IntakeFormat f = Topics.formatOf(Topics.intakeTopic(channel)).orElseThrow();
                    records.addAll(readFile(file, f));
                }
            }
        } else {
            if (format == null) {
                throw new IllegalArgumentException("--format is required for a file: letters-visits, hotline, online or a-city-messages");
            }
            records.addAll(readFile(path, format));
        }
        records.sort(Comparator.comparing(ReplayRecord::eventTime));
        return records;
    }

    private static List<ReplayRecord> readFile(Path file, IntakeFormat format) throws IOException {
        String topic = Topics.intakeTopic(format.channel());
        String timeField = switch (format) {
            case LETTERS_VISITS -> "receivedAt";
            case HOTLINE -> "callTime";
            case ONLINE, A_CITY_MESSAGES -> "postedAt";
        };
        List<ReplayRecord> out = new ArrayList<>();
        Instant last = Instant.EPOCH;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Instant at = last;
            byte[] key = null;
            try {
                JsonNode n = JSON.readTree(line);
                at = OffsetDateTime.parse(n.path(timeField).asText()).toInstant();
                key = n.path(format.idField()).asText().getBytes(StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                // Sent anyway: intake, not the replayer, decides what is valid and says why.
            }
            last = at;
            out.add(new ReplayRecord(topic, at, key, line.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }
}

package io.earlywarning.replay;

import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplaySourceTest {

    @Test
    void aGeneratedDirectoryIsReplayedToAllThreeTopicsInTimeOrder(@TempDir Path dir) throws Exception {
        var stream = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY)).generate(7, 2, DemoStreamGenerator.DEFAULT_START, 80);
        stream.writeTo(dir);
        List<ReplayRecord> records = ReplaySource.read(dir, null);
        assertThat(records).hasSize(stream.records().size());
        assertThat(records).extracting(ReplayRecord::topic).containsOnly(Topics.INTAKE.toArray(String[]::new));
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).eventTime()).isAfterOrEqualTo(records.get(i - 1).eventTime());
        }
    }

    @Test
    void everyLineIsSentAsItIsEvenOneThatIsNotJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("board.jsonl");
        String good = "{\"messageId\": \"1\", \"userId\": \"A1\", \"subject\": \"s\", \"postedAt\": \"2019-01-01T10:00:00+08:00\", \"body\": \"b\"}";
        Files.writeString(file, good + "\n{not json\n\n", StandardCharsets.UTF_8);
        List<ReplayRecord> records = ReplaySource.read(file, IntakeFormat.A_CITY_MESSAGES);
        assertThat(records).hasSize(2);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(good);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("1");
        assertThat(new String(records.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(records).extracting(ReplayRecord::topic).containsOnly(Topics.INTAKE_ONLINE);
    }

    @Test
    void theProgressBarFillsAsRecordsGo() {
        assertThat(ProgressBar.line(0, 10)).contains("[........................................] 0/10");
        assertThat(ProgressBar.line(5, 10)).contains("[####################....................] 5/10");
        assertThat(ProgressBar.line(10, 10)).contains("10/10").doesNotContain(".]");
    }
}

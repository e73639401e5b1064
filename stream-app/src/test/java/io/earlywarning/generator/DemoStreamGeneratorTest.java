package io.earlywarning.generator;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.domain.Channel;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.intake.SourceRecordReader;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.topology.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoStreamGeneratorTest {

    private static final DemoStreamGenerator GENERATOR = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY));

    @Test
    void theSameSeedWritesIdenticalBytes(@TempDir Path a, @TempDir Path b) throws Exception {
        GENERATOR.generate(7, 3, DemoStreamGenerator.DEFAULT_START, 80).writeTo(a);
        GENERATOR.generate(7, 3, DemoStreamGenerator.DEFAULT_START, 80).writeTo(b);
        for (String f : new String[] {"letters-visits.jsonl", "hotline.jsonl", "online.jsonl", "truth.json"}) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
        GENERATOR.generate(8, 3, DemoStreamGenerator.DEFAULT_START, 80).writeTo(b);
        assertThat(Files.readAllBytes(a.resolve("hotline.jsonl"))).isNotEqualTo(Files.readAllBytes(b.resolve("hotline.jsonl")));
    }

    @Test
    void everyGeneratedRecordPassesItsChannelsSchema() {
        SourceRecordReader reader = new SourceRecordReader(1 << 20);
        GeneratedStream stream = GENERATOR.generate(3, 14, DemoStreamGenerator.DEFAULT_START, 80);
        for (GeneratedRecord r : stream.records()) {
            IntakeFormat format = Topics.formatOf(Topics.intakeTopic(r.channel())).orElseThrow();
            reader.read(r.json().getBytes(StandardCharsets.UTF_8), format);
        }
        assertThat(stream.records()).hasSizeGreaterThan(14 * 60);
    }

    @Test
    void streamsLookLikeTheSeedsDescribe() {
        GeneratedStream stream = GENERATOR.generate(7, 28, DemoStreamGenerator.DEFAULT_START, 80);
        JsonNode truth = stream.truth();
        int n = truth.path("cases").size();
        assertThat(n).isEqualTo(stream.records().size());

        Map<String, Long> byPetitioner = java.util.stream.StreamSupport.stream(truth.path("cases").spliterator(), false)
                .collect(Collectors.groupingBy(c -> c.path("petitioner").asText(), Collectors.counting()));
        long repeatCases = byPetitioner.values().stream().mapToLong(c -> c - 1).sum();
        assertThat(repeatCases / (double) n).as("share of repeat petitions").isBetween(0.2, 0.4);

        Set<String> big = Set.of("城乡建设", "政法", "自然资源", "农村农业", "劳动和社会保障");
        long inBig = java.util.stream.StreamSupport.stream(truth.path("cases").spliterator(), false)
                .filter(c -> big.contains(c.path("category").asText())).count();
        assertThat(inBig / (double) n).as("share of the five big categories").isBetween(0.5, 0.75);

        long visitsAtNight = stream.records().stream()
                .filter(r -> r.channel() == Channel.LETTERS_VISITS && (r.at().getHour() < 8 || r.at().getHour() >= 18)).count();
        assertThat(visitsAtNight).as("visits outside office hours").isZero();
        long onlineEvening = stream.records().stream()
                .filter(r -> r.channel() == Channel.ONLINE && r.at().getHour() >= 19).count();
        long online = stream.records().stream().filter(r -> r.channel() == Channel.ONLINE).count();
        assertThat(onlineEvening / (double) online).as("online share after 19:00").isGreaterThan(0.3);

        assertThat(truth.path("surges").size()).isGreaterThanOrEqualTo(2);
        for (JsonNode s : truth.path("surges")) {
            assertThat(s.path("caseIds").size()).isGreaterThanOrEqualTo(s.path("injectedCases").asInt());
            assertThat(s.path("onset").asText()).isLessThan(s.path("end").asText());
        }
        Set<String> labels = new HashSet<>();
        truth.path("cases").forEach(c -> labels.add(c.path("label").asText("") + "/" + c.path("labelKind").asText("")));
        assertThat(labels).anyMatch(l -> l.startsWith("threat/"));
        assertThat(labels).anyMatch(l -> l.startsWith("hard-negative/"));
        assertThat(labels).anyMatch(l -> l.startsWith("whistleblowing/"));
        assertThat(truth.path("clusters").size()).isGreaterThan(10);
    }

    @Test
    void whistleBlowingLettersNameTheAccusedUnit() throws Exception {
        GeneratedStream stream = GENERATOR.generate(7, 28, DemoStreamGenerator.DEFAULT_START, 80);
        Set<String> accusedInTruth = new HashSet<>();
        stream.truth().path("cases").forEach(c -> {
            if (c.has("accusedUnit")) {
                accusedInTruth.add(c.path("caseId").asText());
            }
        });
        assertThat(accusedInTruth).isNotEmpty();
        for (GeneratedRecord r : stream.records()) {
            if (accusedInTruth.contains(r.caseId())) {
                assertThat(JsonSerde.MAPPER.readTree(r.json()).path("accusedUnit").asText()).isNotBlank();
            }
        }
    }
}

package io.earlywarning.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.warning.ActiveRules;
import io.earlywarning.warning.RuleBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The surge and repeat stages wired in the whole topology, fed through intake as hotline calls. */
class SurgeTopologyTest {

    static final OffsetDateTime START = OffsetDateTime.of(2026, 3, 2, 0, 0, 0, 0, ZoneOffset.ofHours(8));

    @TempDir
    Path state;

    private HotlineCalls calls;

    @BeforeEach
    void start() {
        calls = new HotlineCalls(state, new ActiveRules(RuleBundle.load("demo-city")));
    }

    @AfterEach
    void stop() {
        calls.close();
    }

    private void call(OffsetDateTime at, String phone, String summary, String district, String category) {
        calls.call(at, phone, summary, district, category);
    }

    private List<JsonNode> signals(String type) {
        return calls.read(Topics.SIGNALS).stream().filter(s -> s.path("type").asText().equals(type)).toList();
    }

    @Test
    void ownersOfOneEstateCallingWithinHoursRaiseOneSurgeThatGrows() {
        ownersOfOneEstateRaiseOneSurgeThatGrows(UnaryOperator.identity());
    }

    @Test
    void aSurgeReplayedMonthsLaterIsStillOneSurgeThatGrows() {
        // A replay paced at a call every quarter of an hour, half a year on: the broker's record times say nothing of
        // when the calls were made, and the surge is decided, kept open and closed on the calls' own times.
        OffsetDateTime replay = START.plusDays(200);
        int[] sent = {0};
        ownersOfOneEstateRaiseOneSurgeThatGrows(at -> replay.plusMinutes(15L * sent[0]++));
    }

    /** Three weeks of ordinary calls across the district (learning), then nine owners of one estate in a morning. */
    private void ownersOfOneEstateRaiseOneSurgeThatGrows(UnaryOperator<OffsetDateTime> arrival) {
        for (int day = 0; day < 21; day++) {
            for (int i = 0; i < 6; i++) {
                OffsetDateTime at = START.plusDays(day).plusHours(9 + i);
                calls.call(at, arrival.apply(at), "1390000" + String.format("%04d", day * 10 + i),
                        "来电人反映小区门口道路破损，希望尽快维修。", "江北区", "交通运输");
            }
        }
        OffsetDateTime morning = START.plusDays(21).plusHours(9);
        for (int i = 0; i < 9; i++) {
            OffsetDateTime at = morning.plusMinutes(20L * i);
            calls.call(at, arrival.apply(at), "1371111" + String.format("%04d", i),
                    "来电人反映：江北区城关街道旭辉紫金苑延期交房一年多，开发商推诿。", "江北区", "城乡建设");
        }
        List<JsonNode> surges = signals("SURGE").stream()
                .filter(s -> s.path("keyType").asText().equals("estate")).toList();
        assertThat(surges).isNotEmpty();
        JsonNode open = surges.get(0);
        assertThat(open.path("status").asText()).isEqualTo("open");
        assertThat(open.path("estate").asText()).isEqualTo("旭辉紫金苑");
        assertThat(open.path("district").asText()).isEqualTo("江北区");
        assertThat(OffsetDateTime.parse(open.path("detectedAt").asText())).isBefore(morning.plusHours(2));
        assertThat(open.path("caseIds").get(0).asText()).startsWith("hotline:GD");
        JsonNode last = surges.get(surges.size() - 1);
        assertThat(surges).extracting(x -> x.path("signalId").asText()).containsOnly(open.path("signalId").asText());
        assertThat(surges).extracting(x -> x.path("status").asText()).doesNotContain("closed");
        assertThat(last.path("observed").asInt()).isEqualTo(9);
        assertThat(last.toString()).doesNotContain("1371111");
    }

    @Test
    void theSameCallerOnTheSameMatterAgainIsARepeatNotASurge() {
        for (int i = 0; i < 12; i++) {
            call(START.plusDays(20).plusHours(9).plusMinutes(30L * i), "13822223333",
                    "来电人反映：江北区城关街道旭辉紫金苑延期交房一年多，开发商推诿。", "江北区", "城乡建设");
        }
        List<JsonNode> all = calls.read(Topics.SIGNALS);
        assertThat(all).filteredOn(s -> s.path("type").asText().equals("SURGE")).isEmpty();
        List<JsonNode> repeats = all.stream().filter(s -> s.path("type").asText().equals("REPEAT")).toList();
        assertThat(repeats).hasSize(11);
        assertThat(repeats.get(10).path("count").asInt()).isEqualTo(12);
        assertThat(repeats.get(10).path("earlierCaseIds")).hasSize(11);
        assertThat(repeats.get(0).toString()).doesNotContain("13822223333").doesNotContain("petitionerKey");
    }

    @Test
    void withEventTimeOrderCallsDeliveredOutOfOrderRaiseTheSignalsOfTheirOwnOrder(@TempDir Path one, @TempDir Path other) {
        Map<String, String> ordered = Map.of("EW_ORDER_GRACE_MINUTES", "4320", "EW_ORDER_MAX_WAIT_MS", "60000");
        List<Integer> inOrder = java.util.stream.IntStream.range(0, 12).boxed().toList();
        List<Integer> shuffled = new java.util.ArrayList<>(inOrder);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        assertThat(shuffled).isNotEqualTo(inOrder);
        List<String> expected;
        try (HotlineCalls first = new HotlineCalls(one, new ActiveRules(RuleBundle.load("demo-city")), ordered)) {
            expected = estateMorning(first, inOrder);
        }
        try (HotlineCalls second = new HotlineCalls(other, new ActiveRules(RuleBundle.load("demo-city")), ordered)) {
            assertThat(estateMorning(second, shuffled)).isNotEmpty().isEqualTo(expected);
        }
    }

    /** Two weeks of ordinary calls, then twelve owners of one estate in a morning sent in {@code order}; the signals. */
    private static List<String> estateMorning(HotlineCalls c, List<Integer> order) {
        for (int day = 0; day < 14; day++) {
            for (int i = 0; i < 4; i++) {
                c.call(START.plusDays(day).plusHours(9 + i), "1390000" + String.format("%04d", day * 10 + i),
                        "来电人反映小区门口道路破损，希望尽快维修。", "江北区", "交通运输");
            }
        }
        OffsetDateTime morning = START.plusDays(14).plusHours(9);
        for (int i : order) {
            c.call(1000 + i, morning.plusMinutes(10L * i), morning.plusMinutes(10L * i), "1371111" + String.format("%04d", i),
                    "来电人反映：江北区城关街道旭辉紫金苑延期交房一年多，开发商推诿。", "江北区", "城乡建设");
        }
        return c.read(Topics.SIGNALS).stream().map(s -> s.path("type").asText() + " " + s.path("signalId").asText()
                + " v" + s.path("version").asText() + " " + s.path("observed").asText() + " " + s.path("caseIds")).toList();
    }
}

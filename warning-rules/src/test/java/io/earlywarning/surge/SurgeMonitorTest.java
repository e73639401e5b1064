package io.earlywarning.surge;

import io.earlywarning.state.KeyedMemory;
import io.earlywarning.domain.Case;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurgeMonitorTest {

    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    static final OffsetDateTime START = OffsetDateTime.of(2026, 3, 16, 0, 0, 0, 0, CHINA); // a Monday
    /** The bundled rules with a calendar of one holiday (春节 2027-02-05..13) and no sensitive period: the
     *  synthetic weeks below know no other holiday. */
    static final SurgeRules RULES = withCalendar("""
            calendar:
              holidays:
                - {name: 春节, from: 2027-02-05, to: 2027-02-13, factor: 0.35}
              sensitivePeriods: []
            """);

    static SurgeRules withCalendar(String calendar) {
        String text = new String(readBundled(), StandardCharsets.UTF_8);
        text = text.substring(0, text.indexOf("calendar:")) + calendar;
        return SurgeRules.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
    }

    private int next;

    Case caseAt(OffsetDateTime at, String district, String estate, String category, String petitioner, int headcount) {
        return new Case("hotline:" + (++next), "hotline", at, district, null, estate, estate, category, "source",
                "housing", "subject", "text", petitioner, headcount, headcount >= Case.COLLECTIVE_HEADCOUNT, null);
    }

    Case caseAt(OffsetDateTime at, String district, String estate, String petitioner) {
        return caseAt(at, district, estate, "城乡建设", petitioner, 1);
    }

    /** Feeds cases in time order, moving event time on before each as the stream does; returns every signal. */
    static List<SurgeSignal> run(SurgeMonitor monitor, List<Case> cases) {
        List<Case> sorted = new ArrayList<>(cases);
        sorted.sort((a, b) -> a.receivedAt().compareTo(b.receivedAt()));
        List<SurgeSignal> signals = new ArrayList<>();
        for (Case c : sorted) {
            signals.addAll(monitor.next(c));
        }
        return signals;
    }

    static SurgeMonitor monitor() {
        return new SurgeMonitor(RULES, new SeasonalScanDetector(), new InMemorySurgeMemory());
    }

    /** A district's ordinary weeks: busy weekday office hours, a Monday peak, quiet nights and weekends. */
    List<Case> background(Random random, int days, String district, double perDay) {
        List<Case> cases = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            OffsetDateTime day = START.plusDays(d);
            int dow = day.getDayOfWeek().getValue();
            double dayRate = perDay * (dow == 1 ? 1.6 : dow >= 6 ? 0.4 : 1.0);
            int n = poisson(random, dayRate);
            for (int i = 0; i < n; i++) {
                int hour = random.nextDouble() < 0.85 ? 8 + random.nextInt(10) : random.nextInt(24);
                OffsetDateTime at = day.plusHours(hour).plusMinutes(random.nextInt(60));
                String estate = random.nextDouble() < 0.5 ? district + "花园" + random.nextInt(60) + "期" : null;
                cases.add(caseAt(at, district, estate, "P" + random.nextInt(1_000_000)));
            }
        }
        return cases;
    }

    static int poisson(Random random, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Test
    void surgeOnAQuietEstateIsRaisedWithinHoursWithItsCasesAsEvidence() {
        Random random = new Random(1);
        List<Case> cases = background(random, 70, "江北区", 12);
        OffsetDateTime onset = START.plusDays(70).plusHours(10);
        List<String> surgeIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Case c = caseAt(onset.plusMinutes(20L * i), "江北区", "翠湖湾", "owner" + i);
            surgeIds.add(c.caseId());
            cases.add(c);
        }
        List<SurgeSignal> signals = run(monitor(), cases);

        List<SurgeSignal> estate = signals.stream().filter(s -> s.keyType().equals("estate")).toList();
        assertThat(estate).isNotEmpty();
        SurgeSignal open = estate.get(0);
        assertThat(open.status()).isEqualTo("open");
        assertThat(open.key()).isEqualTo("翠湖湾");
        assertThat(open.detectedAt()).isBefore(onset.plusHours(2));
        assertThat(open.caseIds()).isSubsetOf(surgeIds).hasSizeGreaterThanOrEqualTo(3);
        assertThat(open.score()).isLessThan(RULES.rule(SurgeKeyType.ESTATE).alpha());
        assertThat(open.ruleId()).isEqualTo("surge-estate");
        assertThat(open.detector()).isEqualTo("seasonal-scan");
        // one surge per key: the rest are updates of the same signal, with growing versions
        assertThat(estate).extracting(SurgeSignal::signalId).containsOnly(open.signalId());
        assertThat(estate.get(estate.size() - 1).observed()).isEqualTo(8);
        assertThat(estate).extracting(SurgeSignal::version).isSorted();
    }

    @Test
    void ordinaryWeeksWithMondayPeaksRaiseNoDistrictSurgeAndEstatesOnlyAtTheDesignedRate() {
        Random random = new Random(2);
        List<SurgeSignal> signals = run(monitor(), background(random, 140, "江北区", 20));
        assertThat(signals).filteredOn(s -> s.keyType().equals("district")).isEmpty();
        // 60 quiet estates x 126 scored days: chance alone may raise one now and then, at about 0.001 a key-day
        long estateAlarms = signals.stream().filter(s -> s.keyType().equals("estate") && s.status().equals("open")).count();
        assertThat(estateAlarms / (60.0 * 126)).isLessThan(0.002);
    }

    @Test
    void oneWriterSendingFiftyTimesIsNoSurgeButAreRepeat() {
        Random random = new Random(3);
        List<Case> cases = background(random, 70, "江北区", 12);
        List<Case> same = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Case c = caseAt(START.plusDays(70).plusHours(9).plusMinutes(5L * i), "江北区", "翠湖湾", "the-same-writer");
            same.add(c);
        }
        cases.addAll(same);
        List<SurgeSignal> signals = run(monitor(), cases);
        assertThat(signals).filteredOn(s -> s.key().equals("翠湖湾")).isEmpty();

        var repeats = new RepeatPetitions(RULES, KeyedMemory.inMemory());
        long raised = same.stream().map(repeats::observe).filter(java.util.Optional::isPresent).count();
        assertThat(raised).isEqualTo(49);
        assertThat(repeats.observe(caseAt(START.plusDays(71), "江北区", "翠湖湾", "the-same-writer")).orElseThrow().count())
                .isEqualTo(21); // the memory keeps the last 20 of one petitioner, and this is one more
    }

    @Test
    void aCollectiveVisitCountsItsHeadcount() {
        Random random = new Random(4);
        List<Case> cases = background(random, 70, "江北区", 12);
        cases.add(caseAt(START.plusDays(70).plusHours(9), "江北区", "翠湖湾", "城乡建设", "leader", 40));
        List<SurgeSignal> signals = run(monitor(), cases);
        assertThat(signals).filteredOn(s -> s.key().equals("翠湖湾"))
                .singleElement().satisfies(s -> assertThat(s.observed()).isEqualTo(40));
    }

    @Test
    void theSameCasesOnASundayNightAreASurgeThoughOnAMondayMorningTheyAreNot() {
        Random random = new Random(5);
        List<Case> history = background(random, 70, "江北区", 30);
        // Monday 9:00-12:00 after ten weeks: a normal Monday morning's volume, about 16 cases in three hours.
        OffsetDateTime monday = START.plusDays(70).plusHours(9);
        OffsetDateTime sundayNight = START.plusDays(69).plusHours(1);
        for (OffsetDateTime at : List.of(monday, sundayNight)) {
            List<Case> cases = new ArrayList<>(history.stream().filter(c -> c.receivedAt().isBefore(at)).toList());
            for (int i = 0; i < 16; i++) {
                cases.add(caseAt(at.plusMinutes(11L * i), "江北区", null, "extra" + i));
            }
            List<SurgeSignal> district = run(monitor(), cases).stream()
                    .filter(s -> s.keyType().equals("district")).toList();
            if (at.equals(monday)) {
                assertThat(district).as("Monday morning").isEmpty();
            } else {
                assertThat(district).as("Sunday night").isNotEmpty();
            }
        }
    }

    @Test
    void aQuietConfiguredHolidayDoesNotMakeTheWeekAfterASurge() {
        Random random = new Random(6);
        // 2027-02-05..13 is 春节 in the bundled calendar: volume falls to a third, then returns.
        OffsetDateTime start = OffsetDateTime.of(2026, 12, 1, 0, 0, 0, 0, CHINA);
        assertThat(new SurgeCalendar(RULES).holidayFactor(java.time.LocalDate.of(2027, 2, 8))).isEqualTo(0.35);
        List<Case> cases = new ArrayList<>();
        for (int d = 0; d < 100; d++) {
            OffsetDateTime day = start.plusDays(d);
            boolean holiday = !day.toLocalDate().isBefore(java.time.LocalDate.of(2027, 2, 5))
                    && !day.toLocalDate().isAfter(java.time.LocalDate.of(2027, 2, 13));
            int n = poisson(random, holiday ? 9 : 25);
            for (int i = 0; i < n; i++) {
                cases.add(caseAt(day.plusHours(8 + random.nextInt(10)).plusMinutes(random.nextInt(60)), "江北区", null,
                        "P" + random.nextInt(1_000_000)));
            }
        }
        assertThat(run(monitor(), cases)).filteredOn(s -> s.keyType().equals("district")).isEmpty();
    }

    @Test
    void anOpenSurgeClosesWhenVolumeReturnsToBaseline() {
        Random random = new Random(7);
        List<Case> cases = background(random, 70, "江北区", 12);
        OffsetDateTime onset = START.plusDays(70).plusHours(10);
        for (int i = 0; i < 10; i++) {
            cases.add(caseAt(onset.plusMinutes(30L * i), "江北区", "翠湖湾", "owner" + i));
        }
        cases.addAll(background(new Random(8), 80, "江北区", 12).stream()
                .filter(c -> c.receivedAt().isAfter(onset.plusDays(1))).toList());
        List<SurgeSignal> estate = run(monitor(), cases).stream().filter(s -> s.key().equals("翠湖湾")).toList();
        assertThat(estate.get(0).status()).isEqualTo("open");
        SurgeSignal last = estate.get(estate.size() - 1);
        assertThat(last.status()).isEqualTo("closed");
        assertThat(last.signalId()).isEqualTo(estate.get(0).signalId());
        assertThat(last.observed()).isEqualTo(10);
        assertThat(last.updatedAt()).isAfter(onset.plusHours(24)).isBefore(onset.plusDays(3));
    }

    @Test
    void aKeyNeverSeenNeedsMoreThanTwoCasesAndALevelAboveItsKind() {
        SurgeMonitor m = monitor();
        OffsetDateTime at = START.plusHours(10);
        assertThat(m.observe(caseAt(at, "江北区", "新盘", "a"))).isEmpty();
        assertThat(m.observe(caseAt(at.plusMinutes(5), "江北区", "新盘", "b"))).isEmpty();
    }

    @Test
    void referenceDetectorsFireOnADailySpikeOfAQuietKey() {
        Random random = new Random(9);
        List<Case> cases = background(random, 70, "江北区", 12);
        OffsetDateTime onset = START.plusDays(70).plusHours(10);
        for (int i = 0; i < 12; i++) {
            cases.add(caseAt(onset.plusMinutes(20L * i), "江北区", "翠湖湾", "owner" + i));
        }
        for (SurgeDetector d : List.<SurgeDetector>of(
                new EarsDetector(EarsDetector.Variant.C1, RULES.reference().earsC1()),
                new EarsDetector(EarsDetector.Variant.C2, RULES.reference().earsC2()),
                new EarsDetector(EarsDetector.Variant.C3, RULES.reference().earsC3()),
                new PoissonCusumDetector(RULES.reference().poissonCusum()))) {
            List<SurgeSignal> s = run(new SurgeMonitor(RULES, d, new InMemorySurgeMemory()), cases).stream()
                    .filter(x -> x.key().equals("翠湖湾")).toList();
            assertThat(s).as(d.id()).isNotEmpty();
            assertThat(s.get(0).detector()).isEqualTo(d.id());
        }
    }

    @Test
    void aRulesFileWithAMistakeIsRefusedWithItsReason() {
        String broken = new String(readBundled(), StandardCharsets.UTF_8).replace("minRatio: 2\n", "minRatio: 0.5\n");
        assertThatThrownBy(() -> SurgeRules.parse(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), "edit"))
                .hasMessageContaining("keys.estate.minRatio must be 1 or more");
        String unknown = new String(readBundled(), StandardCharsets.UTF_8).replace("graceHours: 6", "graceHours: 6\nthreshold: 3");
        assertThatThrownBy(() -> SurgeRules.parse(new ByteArrayInputStream(unknown.getBytes(StandardCharsets.UTF_8)), "edit"))
                .hasMessageContaining("unknown key 'threshold'");
        String badDate = new String(readBundled(), StandardCharsets.UTF_8).replace("to: 2019-01-01", "to: 2018-01-01");
        assertThatThrownBy(() -> SurgeRules.parse(new ByteArrayInputStream(badDate.getBytes(StandardCharsets.UTF_8)), "edit"))
                .hasMessageContaining("holiday 元旦: to is before from");
    }

    private static byte[] readBundled() {
        try (var in = SurgeRules.class.getResourceAsStream("surge-rules.yaml")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.earlywarning.bench;

import io.earlywarning.domain.Case;
import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.surge.SurgeCalendar;
import io.earlywarning.surge.SurgeKey;
import io.earlywarning.surge.SurgeKeyType;
import io.earlywarning.surge.SurgeRules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A labelled case stream for judging surge detectors: 10 districts with 20 estates each (most estates sparse, a
 * case a month or less; some busy), day-of-week and hour-of-day patterns with Monday peaks, the bundled holidays
 * quiet, a quarter of cases from petitioners writing again; injected surges of 2, 3, 5 and 10 times the volume over
 * 6 h, 24 h or 72 h, starting on a weekday, at night, on a weekend or on a holiday, on sparse and busy estates,
 * districts and district categories; and decoys that are not surges: one writer sending dozens of cases, keys
 * whose volume slowly trebles, the quiet holiday weeks. Deterministic per seed.
 *
 * <p>A key quieter than 4 cases a day surges at m times 4 a day (and by at least m cases): m times one case a
 * month is no surge anyone could see or act on.
 */
public final class SurgeScenario {

    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    public static final OffsetDateTime START = OffsetDateTime.of(2026, 9, 1, 0, 0, 0, 0, CHINA);
    public static final int DAYS = 180;
    /** Days at the start that are learned from but neither scored nor surged: every detector needs a history. */
    public static final int WARMUP_DAYS = 35;
    static final double FLOOR_PER_DAY = 4;
    static final String[] CATEGORIES = {"城乡建设", "劳动和社会保障", "交通运输", "环境保护", "卫生计生", "教育文体", "商贸旅游", "自然资源"};
    static final double[] CATEGORY_SHARE = {0.30, 0.16, 0.12, 0.11, 0.09, 0.09, 0.07, 0.06};
    static final double[] HOURS = {0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 7, 8, 7, 4, 4, 6, 6, 5.5, 4.5, 3, 3, 2.5, 2, 1.2, 0.6};
    static final double[] WEEKDAY = {1.35, 1.0, 1.0, 0.95, 0.9, 0.55, 0.5}; // Monday … Sunday

    /** An injected surge, the truth a detector is judged by. */
    /**
     * @param background the key's expected ordinary volume over the surge's span
     */
    public record Surge(SurgeKey key, String district, String category, String density, double multiplier,
                        int durationHours, String onsetKind, OffsetDateTime onset, int extraCases, double background) {

        /**
         * Whether an oracle knowing the key's true ordinary volume could tell this surge from chance at a p-value
         * of 1e-5 (Poisson): a surge that is not is invisible to any detector at 0.001 false alarms per key-day.
         */
        public boolean visible() {
            return org.apache.commons.numbers.gamma.RegularizedGamma.P.value(Math.ceil(background + extraCases), background) < 1e-5;
        }

        public OffsetDateTime end() {
            return onset.plusHours(durationHours);
        }
    }

    /** A decoy: something that looks like more volume and is not a surge. */
    public record Decoy(String kind, SurgeKey key, OffsetDateTime from, OffsetDateTime to) {
    }

    public record Stream(List<Case> cases, List<Surge> surges, List<Decoy> decoys, int keys, int scoredDays) {
    }

    private record Estate(String name, String district, double perDay, boolean trend) {
    }

    private final SurgeRules rules;
    private final SurgeCalendar calendar;

    public SurgeScenario(SurgeRules rules) {
        this.rules = rules;
        this.calendar = new SurgeCalendar(rules);
    }

    public Stream generate(long seed, boolean withSurges) {
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        List<Estate> estates = new ArrayList<>();
        List<String> districts = new ArrayList<>();
        List<Decoy> decoys = new ArrayList<>();
        int[] counter = {0};
        for (int d = 0; d < 10; d++) {
            String district = "第" + (d + 1) + "区";
            districts.add(district);
            for (int e = 0; e < 20; e++) {
                double r = random.nextDouble();
                double perDay = r < 0.70 ? 1.0 / (15 + random.nextInt(46)) : r < 0.90 ? 0.3 + 0.7 * random.nextDouble()
                        : 1 + 2 * random.nextDouble();
                boolean trend = r >= 0.70 && random.nextDouble() < 0.25;
                Estate estate = new Estate(district + "小区" + (e + 1), district, perDay, trend);
                estates.add(estate);
                if (trend) {
                    decoys.add(new Decoy("slow trend (volume x2.5 over the run)", new SurgeKey(SurgeKeyType.ESTATE, estate.name()),
                            START, START.plusDays(DAYS)));
                }
            }
        }
        List<String> recentPetitioners = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            OffsetDateTime date = START.plusDays(day);
            double dayFactor = WEEKDAY[date.getDayOfWeek().getValue() - 1] * calendar.holidayFactor(date.toLocalDate());
            double growth = 1 + 1.5 * day / (double) DAYS;
            for (Estate e : estates) {
                int n = DemoStreamGenerator.poisson(random, e.perDay() * dayFactor * (e.trend() ? growth : 1));
                for (int i = 0; i < n; i++) {
                    cases.add(background(random, counter, date, e.district(), e.name(),
                            random.nextDouble() < 0.8 ? "城乡建设" : pickCategory(random), recentPetitioners));
                }
            }
            for (int d = 0; d < districts.size(); d++) {
                double trend = d == 9 ? growth : 1;
                int n = DemoStreamGenerator.poisson(random, 15 * dayFactor * trend);
                for (int i = 0; i < n; i++) {
                    cases.add(background(random, counter, date, districts.get(d), null, pickCategory(random), recentPetitioners));
                }
            }
        }
        decoys.add(new Decoy("slow trend (volume x2.5 over the run)", new SurgeKey(SurgeKeyType.DISTRICT, districts.get(9)),
                START, START.plusDays(DAYS)));

        // One writer, dozens of cases in a day, on a quiet estate: a repeat, not a surge.
        for (int k = 0; k < 15; k++) {
            Estate e = estates.get(random.nextInt(estates.size()));
            OffsetDateTime at = START.plusDays(WARMUP_DAYS + random.nextInt(DAYS - WARMUP_DAYS - 1)).plusHours(8);
            String writer = "decoy-writer-" + k;
            int n = 20 + random.nextInt(31);
            for (int i = 0; i < n; i++) {
                cases.add(caseOf(counter, at.plusMinutes(random.nextInt(14 * 60)), e.district(), e.name(), "城乡建设", writer, 1));
            }
            decoys.add(new Decoy("one writer, 20-50 cases in a day", new SurgeKey(SurgeKeyType.ESTATE, e.name()), at, at.plusDays(1)));
        }

        List<Surge> surges = new ArrayList<>();
        if (withSurges) {
            double[] multipliers = {2, 3, 5, 10};
            int[] durations = {6, 24, 72};
            String[] onsets = {"weekday", "night", "weekend", "holiday"};
            String[] densities = {"sparse estate", "busy estate", "district", "district-category"};
            List<Surge> planned = new ArrayList<>();
            for (int s = 0; s < 384; s++) {
                String density = densities[s % 4];
                String onsetKind = onsets[(s / 4) % 4];
                double m = multipliers[(s / 16) % 4];
                int hours = durations[(s / 64) % 3];
                Estate e = null;
                String district = districts.get(random.nextInt(districts.size()));
                SurgeKey key;
                String category = "城乡建设";
                switch (density) {
                    case "sparse estate", "busy estate" -> {
                        List<Estate> pool = estates.stream().filter(x -> !x.trend() && (density.startsWith("sparse")
                                ? x.perDay() < 0.1 : x.perDay() >= 1)).toList();
                        e = pool.get(random.nextInt(pool.size()));
                        district = e.district();
                        key = new SurgeKey(SurgeKeyType.ESTATE, e.name());
                    }
                    case "district" -> key = new SurgeKey(SurgeKeyType.DISTRICT, district);
                    default -> {
                        category = CATEGORIES[1 + random.nextInt(CATEGORIES.length - 1)];
                        key = new SurgeKey(SurgeKeyType.DISTRICT_CATEGORY, district + "/" + category);
                    }
                }
                OffsetDateTime onset = onset(random, onsetKind);
                if (onset == null || overlaps(planned, key, district, onset, hours)) {
                    continue;
                }
                double perDay = switch (density) {
                    case "district" -> 15 + estates.stream().filter(x -> x.district().equals(key.key()))
                            .mapToDouble(Estate::perDay).sum();
                    case "district-category" -> 15 * CATEGORY_SHARE[indexOf(category)];
                    default -> e.perDay();
                };
                double share = expectedShareOfDay(onset, hours);
                double expected = Math.max(perDay, FLOOR_PER_DAY) * share;
                int extra = (int) Math.max(m, Math.round((m - 1) * expected));
                planned.add(new Surge(key, district, category, density, m, hours, onsetKind, onset, extra, perDay * share));
            }
            for (Surge s : planned) {
                for (int i = 0; i < s.extraCases(); i++) {
                    OffsetDateTime at = s.onset().plusSeconds((long) (random.nextDouble() * s.durationHours() * 3600));
                    String estate = s.key().type() == SurgeKeyType.ESTATE ? s.key().key() : null;
                    int headcount = estate != null && random.nextDouble() < 0.05 ? 5 + random.nextInt(6) : 1;
                    String category = s.key().type() == SurgeKeyType.DISTRICT ? pickCategory(random) : s.category();
                    cases.add(caseOf(counter, at, s.district(), estate, category, "surge-" + counter[0], headcount));
                }
            }
            surges.addAll(planned);
        }
        cases.sort(Comparator.comparing(Case::receivedAt));
        int keys = estates.size() + districts.size() + districts.size() * CATEGORIES.length;
        return new Stream(cases, surges, decoys, keys, DAYS - WARMUP_DAYS);
    }

    /** Expected share of a day's volume in [onset, onset + hours), by the hour profile (and weekday, holiday). */
    private double expectedShareOfDay(OffsetDateTime onset, int hours) {
        double total = 0;
        double sum = 0;
        for (double h : HOURS) {
            total += h;
        }
        for (int i = 0; i < hours; i++) {
            OffsetDateTime t = onset.plusHours(i);
            sum += HOURS[t.getHour()] / total * WEEKDAY[t.getDayOfWeek().getValue() - 1]
                    * calendar.holidayFactor(t.toLocalDate());
        }
        return sum;
    }

    private OffsetDateTime onset(Random random, String kind) {
        for (int attempt = 0; attempt < 200; attempt++) {
            OffsetDateTime day = START.plusDays(WARMUP_DAYS + random.nextInt(DAYS - WARMUP_DAYS - 4));
            LocalDate d = day.toLocalDate();
            boolean holiday = calendar.holidayFactor(d) < 1;
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            switch (kind) {
                case "weekday" -> {
                    if (!holiday && !weekend) {
                        return day.plusHours(9 + random.nextInt(6));
                    }
                }
                case "night" -> {
                    if (!holiday && !weekend) {
                        return day.plusHours(1 + random.nextInt(3));
                    }
                }
                case "weekend" -> {
                    if (!holiday && weekend) {
                        return day.plusHours(9 + random.nextInt(8));
                    }
                }
                default -> {
                    if (holiday) {
                        return day.plusHours(9 + random.nextInt(8));
                    }
                }
            }
        }
        return null;
    }

    /** No two surges on one key, nor a district-wide one and another in its district, within a week of each other. */
    private static boolean overlaps(List<Surge> planned, SurgeKey key, String district, OffsetDateTime onset, int hours) {
        for (Surge s : planned) {
            boolean districtWide = key.type() != SurgeKeyType.ESTATE || s.key().type() != SurgeKeyType.ESTATE;
            boolean related = s.key().equals(key) || districtWide && s.district().equals(district);
            if (related && onset.isBefore(s.end().plusDays(7)) && s.onset().isBefore(onset.plusHours(hours).plusDays(7))) {
                return true;
            }
        }
        return false;
    }

    private Case background(Random random, int[] counter, OffsetDateTime date, String district, String estate,
                            String category, List<String> recent) {
        OffsetDateTime at = date.plusHours(pickHour(random)).plusSeconds(random.nextInt(3600));
        String petitioner;
        if (!recent.isEmpty() && random.nextDouble() < 0.25) {
            petitioner = recent.get(recent.size() - 1 - random.nextInt(Math.min(recent.size(), 500)));
        } else {
            petitioner = "p" + counter[0];
            recent.add(petitioner);
        }
        return caseOf(counter, at, district, estate, category, petitioner, 1);
    }

    private static Case caseOf(int[] counter, OffsetDateTime at, String district, String estate, String category,
                               String petitioner, int headcount) {
        counter[0]++;
        return new Case("sim:" + counter[0], "hotline", at, district, null, estate, estate, category, "source", null,
                null, "", petitioner, headcount, headcount >= Case.COLLECTIVE_HEADCOUNT, null);
    }

    private static int pickHour(Random random) {
        return pickIndex(random, HOURS);
    }

    private static String pickCategory(Random random) {
        return CATEGORIES[pickIndex(random, CATEGORY_SHARE)];
    }

    /** An index drawn with probability proportional to its weight. */
    private static int pickIndex(Random random, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static int indexOf(String category) {
        for (int i = 0; i < CATEGORIES.length; i++) {
            if (CATEGORIES[i].equals(category)) {
                return i;
            }
        }
        return 0;
    }
}

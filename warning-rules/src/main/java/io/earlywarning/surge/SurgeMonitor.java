package io.earlywarning.surge;

import io.earlywarning.domain.Case;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Watches volume per key and raises {@link SurgeSignal}s: counts each case on its keys (a petitioner once per key
 * within {@code distinctPetitionerDays}; a group visit by its headcount), learns the baseline, asks the detector,
 * and keeps one surge per key, updated as it grows and closed when volume returns to baseline. Pure: state lives
 * in a {@link Memory} that the stream backs with changelogged stores and the command line with maps.
 */
public final class SurgeMonitor {

    /** Where the monitor keeps its state. */
    public interface Memory {
        KeyState get(String keyId);

        void put(String keyId, KeyState state);

        /** State shared by the keys of this memory: the seasonal profile and which keys have a surge open. */
        Shared shared();

        void putShared(Shared shared);

        /**
         * When a petitioner was last counted on a key (epoch second), or null. Kept apart from the key's state: a busy
         * district sees a thousand petitioners a week, and rewriting them with the key's state at every case made
         * the state ~100 KB per write (measured on the bench stream).
         */
        Long countedAt(String keyId, String petitionerKey);

        void counted(String keyId, String petitionerKey, long epochSecond);
    }

    /** State shared by all keys of one memory. */
    public static final class Shared {
        public SeasonalProfile profile = new SeasonalProfile();
        public TreeSet<String> openKeys = new TreeSet<>();
        /** Event time at which the current stream began (epoch second); MIN_VALUE before any case. */
        public long startedAt = Long.MIN_VALUE;
        /** Newest case time this memory saw. */
        public long lastCaseAt = Long.MIN_VALUE;
    }

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final int EVIDENCE_LIMIT = 500;
    private static final long RESTART_AFTER_SECONDS = 30 * 86_400L;

    private final SurgeRules rules;
    private final SurgeDetector detector;
    private final Memory memory;
    private final SurgeCalendar calendar;
    private final ZoneOffset zone;

    public SurgeMonitor(SurgeRules rules, SurgeDetector detector, Memory memory) {
        this.rules = rules;
        this.detector = detector;
        this.memory = memory;
        this.calendar = new SurgeCalendar(rules);
        this.zone = rules.zoneOffset();
    }

    public SurgeRules rules() {
        return rules;
    }

    /** Event time of the newest case this memory counted (epoch second); {@code Long.MIN_VALUE} before any. */
    public long newestCaseAt() {
        return memory.shared().lastCaseAt;
    }

    /** Surges open now on this monitor's keys, by key type (surges in progress, for a gauge). */
    public Map<SurgeKeyType, Integer> openSurges() {
        Map<SurgeKeyType, Integer> open = new EnumMap<>(SurgeKeyType.class);
        for (String id : memory.shared().openKeys) {
            open.merge(SurgeKey.parse(id).type(), 1, Integer::sum);
        }
        return open;
    }

    /**
     * The next case of a stream in time order: moves event time on to it (closing surges gone quiet), then counts
     * it on every key it has. The command line, the benchmark and tests; the stream punctuates and counts per key.
     */
    public List<SurgeSignal> next(Case c) {
        List<SurgeSignal> signals = new ArrayList<>(advanceTo(c.receivedAt().toEpochSecond()));
        signals.addAll(observe(c));
        return signals;
    }

    /** Counts a case on every key it has. */
    public List<SurgeSignal> observe(Case c) {
        List<SurgeSignal> signals = new ArrayList<>();
        for (SurgeKey key : SurgeKey.of(c)) {
            signals.addAll(observe(key, c));
        }
        return signals;
    }

    /** Counts a case on one of its keys; returns the signals it raises or updates (none, mostly). */
    public List<SurgeSignal> observe(SurgeKey key, Case c) {
        long t = c.receivedAt().toEpochSecond();
        Shared shared = memory.shared();
        // A stream silent for a month has (re)started: a few stray old records must not count as months of
        // silence on every key, so warm-up begins again.
        if (shared.startedAt == Long.MIN_VALUE || t - shared.lastCaseAt > RESTART_AFTER_SECONDS) {
            shared.startedAt = t;
        }
        shared.lastCaseAt = Math.max(shared.lastCaseAt, t);
        KeyState s = memory.get(key.id());
        if (s == null) {
            s = new KeyState();
            s.keyType = key.type().id();
            s.key = key.key();
            // Silent since the stage started (or for as long as the baseline remembers): that silence is data.
            long remembered = (long) (rules.baseline().halfLifeDays() * 8 * 86_400);
            s.learnedUntil = Math.max(shared.startedAt, t - remembered) - 1;
            s.latest = t;
        }
        s.district = c.district();
        s.category = key.type() == SurgeKeyType.DISTRICT ? null : c.category();
        s.estate = key.type() == SurgeKeyType.ESTATE ? c.estate() : null;
        s.town = key.type() == SurgeKeyType.ESTATE ? c.town() : null;

        int weight = weight(key.id(), c, t);
        long day = calendar.epochDay(t);
        s.daily.merge(day, (double) weight, Double::sum);
        while (s.daily.firstKey() < calendar.epochDay(Math.max(t, s.latest)) - KeyState.DAYS_KEPT) {
            s.daily.pollFirstEntry();
        }
        boolean late = t < s.latest - rules.graceHours() * 3600L;
        KeyState.Observation o = new KeyState.Observation(c.caseId(), t, weight, c.accusedUnit(),
                key.type() == SurgeKeyType.ESTATE ? c.category() : null);
        if (t <= s.learnedUntil) {
            if (!s.excluded(t)) {
                s.learnedWeight += weight;
            }
        } else {
            insertInOrder(s.recent, o);
        }
        if (weight > 0) {
            shared.profile.learn(t, weight, calendar);
        }
        s.latest = Math.max(s.latest, t);
        long now = s.latest;
        LearnedBaseline.learnUntil(s, now - rules.maxWindowHours() * 3600L, rules.baseline().halfLifeDays(),
                shared.profile, calendar);

        List<SurgeSignal> signals = new ArrayList<>(1);
        SurgeRules.KeyRule rule = rules.rule(key.type());
        if (s.open != null) {
            KeyState.OpenSurge open = s.open;
            List<String> ids = weight > 0 ? append(open.caseIds(), c.caseId()) : open.caseIds();
            List<String> repeats = weight > 0 ? open.repeatCaseIds() : append(open.repeatCaseIds(), c.caseId());
            int observed = open.observed() + weight;
            double expected = LearnedBaseline.expected(s, rule, open.windowStart(), now, shared.profile, calendar);
            double score = LearnedBaseline.upperTail(observed, LearnedBaseline.shape(s, rule), LearnedBaseline.rate(s, rule),
                    shared.profile.share(open.windowStart(), now, calendar));
            s.open = new KeyState.OpenSurge(open.signalId(), open.version() + (weight > 0 ? 1 : 0), open.detectedAt(),
                    open.windowStart(), observed, expected, score, open.detector(), open.ruleId(), ids, repeats,
                    c.accusedUnit() == null || open.accusedUnits().contains(c.accusedUnit()) ? open.accusedUnits()
                            : append(open.accusedUnits(), c.accusedUnit()),
                    weight > 0 && o.category() != null ? counted(open.categories(), o.category()) : open.categories());
            if (weight > 0) {
                signals.add(signal(s, "update", now));
            }
        } else if (weight > 0 && !late && now - shared.startedAt >= rules.baseline().warmupDays() * 86_400) {
            SurgeDetector.Evaluation e = detector.evaluate(s, now,
                    new SurgeDetector.Context(rule, shared.profile, calendar, rules.windowsHours()));
            if (e.exceeds() && e.observed() >= rule.minObserved()) {
                List<String> ids = new ArrayList<>();
                List<String> repeats = new ArrayList<>();
                List<String> accused = new ArrayList<>();
                Map<String, Integer> categories = new java.util.LinkedHashMap<>();
                for (KeyState.Observation r : s.recent) {
                    if (r.at() > e.windowStart() && r.at() <= now) {
                        (r.weight() > 0 ? ids : repeats).add(r.caseId());
                        if (r.weight() > 0 && r.category() != null) {
                            categories = counted(categories, r.category());
                        }
                        if (r.accusedUnit() != null && !accused.contains(r.accusedUnit())) {
                            accused.add(r.accusedUnit());
                        }
                    }
                }
                String signalId = SurgeSignal.TYPE + ":" + key.id() + ":"
                        + ID_TIME.format(Instant.ofEpochSecond(e.windowStart()).atOffset(zone));
                s.open = new KeyState.OpenSurge(signalId, 1, t, e.windowStart(), e.observed(), e.expected(), e.score(),
                        detector.id(), rule.rule(), cap(ids), cap(repeats), List.copyOf(accused), categories);
                s.excluded.add(new KeyState.Excluded(e.windowStart(),
                        e.windowStart() + (long) (rules.baseline().maxExcludedDays() * 86_400)));
                shared.openKeys.add(key.id());
                s.lastRaisedAt = t;
                signals.add(signal(s, "open", now));
            }
        }
        memory.put(key.id(), s);
        memory.putShared(shared);
        return signals;
    }

    /**
     * Moves event time on to {@code epochSecond}: surges whose last {@code close.windowHours} are back to
     * baseline close. The stream calls this on stream-time punctuation, the command line before each case.
     */
    public List<SurgeSignal> advanceTo(long epochSecond) {
        Shared shared = memory.shared();
        if (shared.openKeys.isEmpty()) {
            return List.of();
        }
        List<SurgeSignal> closed = new ArrayList<>();
        for (String id : List.copyOf(shared.openKeys)) {
            KeyState s = memory.get(id);
            if (s == null || s.open == null) {
                shared.openKeys.remove(id);
                continue;
            }
            long now = Math.max(epochSecond, s.latest);
            SurgeRules.KeyRule rule = rules.rule(SurgeKeyType.fromId(s.keyType));
            long from = now - rules.close().windowHours() * 3600L;
            int recent = s.observed(from, now);
            double expected = LearnedBaseline.expected(s, rule, from, now, shared.profile, calendar);
            boolean openLongEnough = now - s.open.detectedAt() >= rules.close().windowHours() * 3600L;
            if (openLongEnough && recent <= Math.max(rule.minObserved() - 1, rules.close().ratio() * expected)) {
                KeyState.OpenSurge o = s.open;
                s.open = new KeyState.OpenSurge(o.signalId(), o.version() + 1, o.detectedAt(), o.windowStart(),
                        o.observed(), LearnedBaseline.expected(s, rule, o.windowStart(), now, shared.profile, calendar),
                        o.score(), o.detector(), o.ruleId(), o.caseIds(), o.repeatCaseIds(), o.accusedUnits(),
                        o.categories());
                closed.add(signal(s, "closed", now));
                s.open = null;
                s.excluded.replaceAll(e -> e.to() > now ? new KeyState.Excluded(e.from(), now) : e);
                shared.openKeys.remove(id);
                memory.put(id, s);
            }
        }
        memory.putShared(shared);
        return closed;
    }

    private int weight(String keyId, Case c, long t) {
        String petitioner = c.petitionerKey();
        long horizon = rules.distinctPetitionerDays() * 86_400L;
        if (petitioner != null) {
            Long last = memory.countedAt(keyId, petitioner);
            if (last != null && Math.abs(t - last) < horizon) {
                return 0;
            }
            memory.counted(keyId, petitioner, t);
        }
        return Math.max(1, c.headcount());
    }

    private SurgeSignal signal(KeyState s, String status, long now) {
        KeyState.OpenSurge o = s.open;
        return new SurgeSignal(o.signalId(), SurgeSignal.TYPE, status, o.version(), s.keyType, s.key, s.district,
                s.town, s.estate, o.mainCategory() != null ? o.mainCategory() : s.category, time(o.detectedAt()), time(now), time(o.windowStart()), time(now), o.observed(),
                round(o.expected()), o.score(), o.caseIds(), o.repeatCaseIds(), o.accusedUnits(), o.detector(), o.ruleId(), rules.version());
    }

    /** {@code counts} with one more {@code category}, in a new map (a surge's state is replaced, not mutated). */
    private static Map<String, Integer> counted(Map<String, Integer> counts, String category) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>(counts);
        out.remove(category);
        out.put(category, counts.getOrDefault(category, 0) + 1);
        return out;
    }

    private OffsetDateTime time(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(zone);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void insertInOrder(List<KeyState.Observation> list, KeyState.Observation o) {
        int i = list.size();
        while (i > 0 && list.get(i - 1).at() > o.at()) {
            i--;
        }
        list.add(i, o);
    }

    private static List<String> append(List<String> ids, String id) {
        if (ids.size() >= EVIDENCE_LIMIT) {
            return ids;
        }
        List<String> copy = new ArrayList<>(ids);
        copy.add(id);
        return copy;
    }

    private static List<String> cap(List<String> ids) {
        return ids.size() <= EVIDENCE_LIMIT ? ids : List.copyOf(ids.subList(ids.size() - EVIDENCE_LIMIT, ids.size()));
    }
}

package io.earlywarning.bench;

import io.earlywarning.domain.Case;
import io.earlywarning.surge.EarsDetector;
import io.earlywarning.surge.InMemorySurgeMemory;
import io.earlywarning.surge.PoissonCusumDetector;
import io.earlywarning.surge.SeasonalScanDetector;
import io.earlywarning.surge.SurgeDetector;
import io.earlywarning.surge.SurgeKey;
import io.earlywarning.surge.SurgeKeyType;
import io.earlywarning.surge.SurgeMonitor;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.surge.SurgeSignal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Judges surge detectors on a {@link SurgeScenario}: each detector's threshold is first calibrated on a stream of
 * its own seed to at most the target false alarms per key-day, then every detector runs on the same evaluation
 * stream. A surge is found when a surge opens on its key between its onset and 24 h after its end; an opened
 * surge on the key of no injected surge (nor on the district or district category that holds one) is a false
 * alarm. All detectors share the monitor: distinct petitioners, minimum counts, one surge per key.
 */
public final class SurgeEvaluation {

    public static final double TARGET_FALSE_ALARMS_PER_KEY_DAY = 0.001;

    /** How one detector did. */
    public record Result(String detector, double threshold, int surges, int found, double falseAlarmsPerKeyDay,
                         int falseAlarms, List<Found> detections, Map<String, Integer> decoyAlarms) {

        public double sensitivity(Predicate<SurgeScenario.Surge> which) {
            long total = detections.stream().filter(f -> which.test(f.surge())).count();
            long found = detections.stream().filter(f -> which.test(f.surge()) && f.delay() != null).count();
            return total == 0 ? Double.NaN : (double) found / total;
        }

        public double delayHours(Predicate<SurgeScenario.Surge> which, double quantile) {
            List<Double> hours = detections.stream().filter(f -> which.test(f.surge()) && f.delay() != null)
                    .map(f -> f.delay().toSeconds() / 3600.0).sorted().toList();
            if (hours.isEmpty()) {
                return Double.NaN;
            }
            return hours.get((int) Math.min(hours.size() - 1, Math.floor(quantile * hours.size())));
        }

        public long count(Predicate<SurgeScenario.Surge> which) {
            return detections.stream().filter(f -> which.test(f.surge())).count();
        }
    }

    /** A surge and how long it took to be found (null: not found). */
    public record Found(SurgeScenario.Surge surge, Duration delay) {
    }

    private final SurgeRules rules;

    public SurgeEvaluation(SurgeRules rules) {
        this.rules = rules;
    }

    /** The detectors compared: the production one and the four references, with the rules' thresholds. */
    public List<SurgeDetector> detectors() {
        SurgeRules.Reference r = rules.reference();
        return List.of(new SeasonalScanDetector(),
                new EarsDetector(EarsDetector.Variant.C1, r.earsC1()),
                new EarsDetector(EarsDetector.Variant.C2, r.earsC2()),
                new EarsDetector(EarsDetector.Variant.C3, r.earsC3()),
                new PoissonCusumDetector(r.poissonCusum()));
    }

    /** Every signal the detector raises on the stream, advancing event time before each case as the stream does. */
    public List<SurgeSignal> run(SurgeDetector detector, List<Case> cases) {
        SurgeMonitor monitor = new SurgeMonitor(rules, detector, new InMemorySurgeMemory());
        List<SurgeSignal> signals = new ArrayList<>();
        for (Case c : cases) {
            signals.addAll(monitor.next(c));
        }
        return signals;
    }

    public Result score(SurgeDetector detector, SurgeScenario.Stream stream) {
        List<SurgeSignal> opened = run(detector, stream.cases()).stream()
                .filter(s -> s.status().equals("open")).toList();
        OffsetDateTime scoredFrom = SurgeScenario.START.plusDays(SurgeScenario.WARMUP_DAYS);
        List<Found> detections = new ArrayList<>();
        for (SurgeScenario.Surge s : stream.surges()) {
            Duration delay = opened.stream()
                    .filter(o -> o.keyType().equals(s.key().type().id()) && o.key().equals(s.key().key()))
                    .filter(o -> !o.detectedAt().isBefore(s.onset()) && !o.detectedAt().isAfter(s.end().plusHours(24)))
                    .map(o -> Duration.between(s.onset(), o.detectedAt()))
                    .findFirst().orElse(null);
            detections.add(new Found(s, delay));
        }
        int falseAlarms = 0;
        Map<String, Integer> decoyAlarms = new LinkedHashMap<>();
        for (SurgeSignal o : opened) {
            if (o.detectedAt().isBefore(scoredFrom) || explained(o, stream.surges())) {
                continue;
            }
            falseAlarms++;
            for (SurgeScenario.Decoy d : stream.decoys()) {
                if (d.key().type().id().equals(o.keyType()) && d.key().key().equals(o.key())
                        && !o.detectedAt().isBefore(d.from()) && !o.detectedAt().isAfter(d.to().plusHours(24))) {
                    decoyAlarms.merge(d.kind(), 1, Integer::sum);
                }
            }
        }
        int found = (int) detections.stream().filter(f -> f.delay() != null).count();
        return new Result(detector.id(), detector.threshold(), detections.size(), found,
                falseAlarms / (double) (stream.keys() * stream.scoredDays()), falseAlarms, detections, decoyAlarms);
    }

    /**
     * Whether an opened surge is one of the injected ones, or a district or district category of the district that
     * holds one (a district surge's cases have every category, so they also raise the district's categories).
     */
    private static boolean explained(SurgeSignal o, List<SurgeScenario.Surge> surges) {
        SurgeKey key = new SurgeKey(SurgeKeyType.fromId(o.keyType()), o.key());
        for (SurgeScenario.Surge s : surges) {
            boolean related = key.contains(s.key(), s.district(), s.category())
                    || key.type() != SurgeKeyType.ESTATE && s.district().equals(o.district());
            if (related
                    && !o.detectedAt().isBefore(s.onset()) && !o.detectedAt().isAfter(s.end().plusHours(72))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The threshold at which the detector raises at most the target false alarms per key-day on the calibration
     * stream, found by bisection (in log space for p-values, linear for the reference statistics).
     */
    public SurgeDetector calibrate(SurgeDetector detector, SurgeScenario.Stream calibration) {
        boolean pValue = detector instanceof SeasonalScanDetector;
        double lo = pValue ? Math.log10(1e-14) : 0.5;   // strict end for p-values is low, for statistics high
        double hi = pValue ? Math.log10(0.05) : 200;
        double strict = pValue ? lo : hi;
        double loose = pValue ? hi : lo;
        Map<Double, Double> cache = new HashMap<>();
        for (int i = 0; i < 14; i++) {
            double mid = (strict + loose) / 2;
            double rate = cache.computeIfAbsent(mid, m -> score(detector.withThreshold(pValue ? Math.pow(10, m) : m),
                    calibration).falseAlarmsPerKeyDay());
            if (rate <= TARGET_FALSE_ALARMS_PER_KEY_DAY) {
                strict = mid;   // allowed: move towards looser
            } else {
                loose = mid;
            }
            // strict always holds an allowed threshold (or the strictest tried)
        }
        return detector.withThreshold(pValue ? Math.pow(10, strict) : strict);
    }
}

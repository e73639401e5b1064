package io.earlywarning.surge;

/**
 * The production detector (季节性扫描): at each case, every look-back window ending now (1 h … 72 h) is tested
 * against the key's learned level, shaped by day-of-week, hour-of-day and holidays, with the negative binomial
 * predictive of {@link LearnedBaseline}; the smallest p-value, corrected for the number of windows (Bonferroni),
 * must fall below the key type's alpha (loosened in sensitive periods), and the window must also hold at least
 * {@code minRatio} times what was expected. Short windows catch a sudden crowd within the hour; long ones a
 * slow build-up over days.
 */
public final class SeasonalScanDetector implements SurgeDetector {

    public static final String ID = "seasonal-scan";

    /** Alpha to use instead of each key type's own; NaN keeps the rules' values. */
    private final double alphaOverride;

    public SeasonalScanDetector() {
        this(Double.NaN);
    }

    private SeasonalScanDetector(double alphaOverride) {
        this.alphaOverride = alphaOverride;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public SurgeDetector withThreshold(double alpha) {
        return new SeasonalScanDetector(alpha);
    }

    @Override
    public double threshold() {
        return alphaOverride;
    }

    @Override
    public Evaluation evaluate(KeyState s, long now, Context c) {
        SurgeRules.KeyRule rule = c.rule();
        double shape = LearnedBaseline.shape(s, rule);
        double rate = LearnedBaseline.rate(s, rule);
        double best = 1.0;
        Evaluation chosen = Evaluation.none(now);
        for (int hours : c.windowsHours()) {
            long from = now - hours * 3600L;
            int observed = s.observed(from, now);
            if (observed < rule.minObserved()) {
                continue;
            }
            double share = c.profile().share(from, now, c.calendar());
            double expected = shape / rate * share;
            if (observed < rule.minRatio() * expected) {
                continue;
            }
            double p = LearnedBaseline.upperTail(observed, shape, rate, share);
            if (p < best) {
                best = p;
                chosen = new Evaluation(false, from, observed, expected, p);
            }
        }
        if (chosen.observed() == 0) {
            return chosen;
        }
        double adjusted = Math.min(1.0, best * c.windowsHours().size());
        double alpha = (Double.isNaN(alphaOverride) ? rule.alpha() : alphaOverride)
                * c.calendar().alphaFactor(c.calendar().day(now));
        return new Evaluation(adjusted < alpha, chosen.windowStart(), chosen.observed(), chosen.expected(), adjusted);
    }
}

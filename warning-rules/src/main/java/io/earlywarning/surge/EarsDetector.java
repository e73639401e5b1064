package io.earlywarning.surge;

/**
 * CDC's Early Aberration Reporting System detectors on daily counts (Hutwagner et al. 2003), the reference bar:
 * C1 compares today's count with the mean and standard deviation of the 7 days before; C2 does the same with a
 * 2-day guard band (days t-9 … t-3); C3 sums the positive parts of C2 - 1 over today and the two days before.
 * "Today" is the running count of the local day up to the case being evaluated, which gives EARS its best delay.
 * No seasonality: that is the reference design.
 */
public final class EarsDetector implements SurgeDetector {

    public enum Variant { C1, C2, C3 }

    private final Variant variant;
    private final double threshold;
    private final double sigmaMin;

    public EarsDetector(Variant variant, SurgeRules.Ears params) {
        this(variant, params.threshold(), params.sigmaMin());
    }

    private EarsDetector(Variant variant, double threshold, double sigmaMin) {
        this.variant = variant;
        this.threshold = threshold;
        this.sigmaMin = sigmaMin;
    }

    @Override
    public String id() {
        return "ears-" + variant.name().toLowerCase();
    }

    @Override
    public SurgeDetector withThreshold(double t) {
        return new EarsDetector(variant, t, sigmaMin);
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public Evaluation evaluate(KeyState s, long now, Context c) {
        long today = c.calendar().epochDay(now);
        long dayStart = c.calendar().startOfDay(today);
        double x = s.daily.getOrDefault(today, 0.0);
        double statistic;
        double expected;
        switch (variant) {
            case C1 -> {
                double[] ms = meanSd(s, today - 7, today - 1);
                statistic = (x - ms[0]) / Math.max(ms[1], sigmaMin);
                expected = ms[0];
            }
            case C2 -> {
                double[] ms = meanSd(s, today - 9, today - 3);
                statistic = (x - ms[0]) / Math.max(ms[1], sigmaMin);
                expected = ms[0];
            }
            default -> {
                statistic = 0;
                for (int i = 0; i < 3; i++) {
                    double[] ms = meanSd(s, today - i - 9, today - i - 3);
                    double xi = s.daily.getOrDefault(today - i, 0.0);
                    statistic += Math.max(0, (xi - ms[0]) / Math.max(ms[1], sigmaMin) - 1);
                }
                expected = meanSd(s, today - 9, today - 3)[0];
            }
        }
        return new Evaluation(statistic >= threshold, dayStart, (int) Math.round(x), expected, statistic);
    }

    private static double[] meanSd(KeyState s, long fromDay, long toDay) {
        int n = (int) (toDay - fromDay + 1);
        double sum = 0;
        double sq = 0;
        for (long d = fromDay; d <= toDay; d++) {
            double v = s.daily.getOrDefault(d, 0.0);
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        double var = n > 1 ? Math.max(0, (sq - n * mean * mean) / (n - 1)) : 0;
        return new double[] {mean, Math.sqrt(var)};
    }
}

package io.earlywarning.surge;

/**
 * A Poisson CUSUM on daily counts (Lucas 1985), the other reference: the in-control mean is the key's daily mean
 * over days t-35 … t-8, the reference value k = (λ1 - λ0) / ln(λ1 / λ0) for a shift λ1 = shift × λ0, and
 * S = max(0, S + x - k) accumulated over the last 7 days with today's running count, restarting after the key's
 * last alarm as a CUSUM does; alarm when S >= threshold.
 */
public final class PoissonCusumDetector implements SurgeDetector {

    public static final String ID = "poisson-cusum";

    private final double threshold;
    private final double shift;
    private final double minDailyMean;

    public PoissonCusumDetector(SurgeRules.Cusum params) {
        this(params.threshold(), params.shift(), params.minDailyMean());
    }

    private PoissonCusumDetector(double threshold, double shift, double minDailyMean) {
        this.threshold = threshold;
        this.shift = shift;
        this.minDailyMean = minDailyMean;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public SurgeDetector withThreshold(double t) {
        return new PoissonCusumDetector(t, shift, minDailyMean);
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public Evaluation evaluate(KeyState s, long now, Context c) {
        long today = c.calendar().epochDay(now);
        double sum = 0;
        for (long d = today - 35; d <= today - 8; d++) {
            sum += s.daily.getOrDefault(d, 0.0);
        }
        double lambda0 = Math.max(minDailyMean, sum / 28);
        double k = (shift - 1) * lambda0 / Math.log(shift);
        double cusum = 0;
        long first = s.lastRaisedAt == 0 ? today - 6 : Math.max(today - 6, c.calendar().epochDay(s.lastRaisedAt) + 1);
        long runStart = first;
        double runCount = 0;
        for (long d = first; d <= today; d++) {
            double x = s.daily.getOrDefault(d, 0.0);
            cusum = Math.max(0, cusum + x - k);
            if (cusum == 0) {
                runStart = d + 1;
                runCount = 0;
            } else {
                runCount += x;
            }
        }
        long windowStart = c.calendar().startOfDay(Math.min(runStart, today));
        double days = today - Math.min(runStart, today) + 1;
        return new Evaluation(cusum >= threshold, windowStart, (int) Math.round(runCount), lambda0 * days, cusum);
    }
}

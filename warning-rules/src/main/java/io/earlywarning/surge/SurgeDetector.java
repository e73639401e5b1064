package io.earlywarning.surge;

import java.util.List;

/**
 * A surge statistic over one key's recent history, evaluated when a case arrives on the key. Pure: the
 * {@link SurgeMonitor} around it keeps state, counts distinct petitioners, applies the common minimum count, and
 * opens, updates and closes surges the same way for every detector, so detectors compare on their statistic alone.
 */
public interface SurgeDetector {

    String id();

    /** The same detector with its alarm threshold replaced (alpha for p-value detectors), for calibration. */
    SurgeDetector withThreshold(double threshold);

    double threshold();

    Evaluation evaluate(KeyState state, long now, Context context);

    /** What the detector sees besides the key's own state. */
    record Context(SurgeRules.KeyRule rule, SeasonalProfile profile, SurgeCalendar calendar, List<Integer> windowsHours) {
    }

    /**
     * @param exceeds     the statistic crossed the threshold
     * @param windowStart start of the window the statistic is about (epoch second)
     * @param observed    counted weight in that window
     * @param expected    what the baseline expects in that window
     * @param score       the statistic: a p-value for the production detector (smaller is stronger), the
     *                    detector's own statistic for the references (larger is stronger)
     */
    record Evaluation(boolean exceeds, long windowStart, int observed, double expected, double score) {
        static Evaluation none(long now) {
            return new Evaluation(false, now, 0, 0, Double.NaN);
        }
    }
}

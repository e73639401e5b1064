package io.earlywarning.surge;

import java.util.Arrays;

/**
 * How a normal week's volume spreads over its 168 hours (day-of-week × hour-of-day), learned from every case: the
 * Monday morning peak and the quiet night are expected, not surges. Starts flat (one pseudo-case per hour) and
 * forgets slowly by halving when the total grows large. Holiday cases are scaled up by the holiday factor before
 * they are learned, so a quiet holiday week does not teach the profile that Tuesdays are quiet.
 */
public final class SeasonalProfile {

    private static final double PRIOR_PER_HOUR = 1.0;
    private static final double HALVE_ABOVE = 50_000;

    /** Learned weight per hour of the week (serialized as is). */
    public double[] hours;

    public SeasonalProfile() {
        hours = new double[168];
        Arrays.fill(hours, PRIOR_PER_HOUR);
    }

    public void learn(long epochSecond, double weight, SurgeCalendar calendar) {
        double factor = calendar.holidayFactor(calendar.day(epochSecond));
        hours[calendar.hourOfWeek(epochSecond)] += weight / factor;
        double total = total();
        if (total > HALVE_ABOVE) {
            for (int i = 0; i < hours.length; i++) {
                hours[i] /= 2;
            }
        }
    }

    private double total() {
        double t = 0;
        for (double h : hours) {
            t += h;
        }
        return t;
    }

    /**
     * The share of a normal week's volume expected in [from, to) (epoch seconds), holidays applied: a whole
     * ordinary week is 1.0, so a level in cases a week times this share is the expected count.
     */
    public double share(long from, long to, SurgeCalendar calendar) {
        if (to <= from) {
            return 0;
        }
        double total = total();
        double share = 0;
        long t = from;
        while (t < to) {
            long hourEnd = (Math.floorDiv(t, 3600) + 1) * 3600;
            long end = Math.min(hourEnd, to);
            double fraction = (end - t) / 3600.0;
            share += fraction * hours[calendar.hourOfWeek(t)] / total * calendar.holidayFactor(calendar.day(t));
            t = end;
        }
        return share;
    }
}

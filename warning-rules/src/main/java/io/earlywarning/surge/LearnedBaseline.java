package io.earlywarning.surge;

import org.apache.commons.numbers.gamma.RegularizedBeta;

/**
 * A key's learned level as a Gamma posterior over its rate (cases per ordinary week): the prior of its key type
 * (a key never seen starts at the typical level of its kind, weighed as a few weeks of data), plus what the key
 * itself showed, discounted with a half-life so that slow trends are followed. Counts in a window are then
 * negative binomial (Gamma–Poisson), which widens the tail while little is known: the sound cold start.
 */
public final class LearnedBaseline {

    private LearnedBaseline() {
    }

    public static double shape(KeyState s, SurgeRules.KeyRule rule) {
        return rule.priorPerWeek() * rule.priorWeeks() + s.learnedWeight;
    }

    public static double rate(KeyState s, SurgeRules.KeyRule rule) {
        return rule.priorWeeks() + s.learnedWeeks;
    }

    /** Expected count in [from, to): the level times that period's share of an ordinary week. */
    public static double expected(KeyState s, SurgeRules.KeyRule rule, long from, long to, SeasonalProfile profile,
                                  SurgeCalendar calendar) {
        return shape(s, rule) / rate(s, rule) * profile.share(from, to, calendar);
    }

    /**
     * P(X >= observed) where X is the count in a period holding {@code share} of an ordinary week, under the
     * posterior predictive (negative binomial with size = shape, success probability = rate / (rate + share)).
     */
    public static double upperTail(int observed, double shape, double rate, double share) {
        if (observed <= 0) {
            return 1.0;
        }
        if (share <= 0) {
            return 0.0;
        }
        return RegularizedBeta.value(share / (rate + share), observed, shape);
    }

    /**
     * Learns everything up to {@code until}: the exposure of the time passed (holidays applied, surge periods left
     * out), discounted, and the cases that are now older than the look-back windows.
     */
    static void learnUntil(KeyState s, long until, double halfLifeDays, SeasonalProfile profile, SurgeCalendar calendar) {
        while (!s.recent.isEmpty() && s.recent.get(0).at() <= until) {
            KeyState.Observation o = s.recent.remove(0);
            addExposure(s, o.at(), halfLifeDays, profile, calendar);
            if (!s.excluded(o.at())) {
                s.learnedWeight += o.weight();
            }
        }
        addExposure(s, until, halfLifeDays, profile, calendar);
        s.excluded.removeIf(e -> e.to() < s.learnedUntil);
    }

    private static void addExposure(KeyState s, long to, double halfLifeDays, SeasonalProfile profile,
                                    SurgeCalendar calendar) {
        long from = s.learnedUntil;
        if (to <= from) {
            return;
        }
        double decay = Math.pow(0.5, (to - from) / 86_400.0 / halfLifeDays);
        // Exposure spread over the gap decays on average by (1 - d) / -ln d, not by d.
        double spread = decay > 0.999_999 ? 1.0 : (1 - decay) / -Math.log(decay);
        long start = Math.max(from, to - (long) (halfLifeDays * 8 * 86_400)); // older than 8 half-lives is ~0
        double share = 0;
        long t = start;
        for (KeyState.Excluded e : s.excluded) {
            if (e.to() < t || e.from() >= to) {
                continue;
            }
            share += profile.share(t, Math.max(t, e.from()), calendar);
            t = Math.max(t, Math.min(to, e.to()));
        }
        share += profile.share(t, to, calendar);
        s.learnedWeight *= decay;
        s.learnedWeeks = s.learnedWeeks * decay + share * spread;
        s.learnedUntil = to;
    }
}

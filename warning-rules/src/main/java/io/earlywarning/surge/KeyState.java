package io.earlywarning.surge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the surge stage remembers about one key, kept in a changelogged store between cases: the recent cases
 * (the look-back windows), daily counts (for the reference detectors), the learned level, and the surge open on it, if any. Plain fields, so it serializes as it is.
 */
public final class KeyState {

    /**
     * A case as the surge stage counts it: {@code weight} 0 for a repeat writer, the headcount for a group visit;
     * {@code accusedUnit} the unit it accuses, if any, so that a warning on the surge never reaches that unit;
     * {@code category} its category, so that an estate's surge is routed by what most of its cases are about.
     */
    @com.fasterxml.jackson.annotation.JsonFormat(shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.ARRAY)
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"caseId", "at", "weight", "accusedUnit", "category"})
    public record Observation(String caseId, long at, int weight,
                              @com.fasterxml.jackson.annotation.JsonInclude(
                                      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String accusedUnit,
                              @com.fasterxml.jackson.annotation.JsonInclude(
                                      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String category) {
    }

    /** A period whose cases the baseline must not learn from (a surge, for at most {@code maxExcludedDays}). */
    public record Excluded(long from, long to) {
    }

    public String keyType;
    public String key;
    public String district;
    /** The town of an estate key (null for district keys). */
    public String town;
    public String estate;
    public String category;
    /** Cases of the last look-back period, oldest first. */
    public List<Observation> recent = new ArrayList<>();
    /** Counted weight per local epoch day, for the last {@link #DAYS_KEPT} days. */
    public TreeMap<Long, Double> daily = new TreeMap<>();
    /** Discounted counted weight learned so far (the data part of the Gamma posterior's shape). */
    public double learnedWeight;
    /** Discounted exposure learned so far, in ordinary weeks (the data part of the Gamma posterior's rate). */
    public double learnedWeeks;
    /** The baseline has learned everything up to this instant (epoch second). */
    public long learnedUntil;
    /** Newest case time seen on this key. */
    public long latest;
    public List<Excluded> excluded = new ArrayList<>();
    public OpenSurge open;
    /** When the last surge on this key was raised (epoch second), or 0: detectors that restart after an alarm. */
    public long lastRaisedAt;

    public static final int DAYS_KEPT = 40;

    /** The surge currently open on a key: updated as it grows, closed when volume returns to baseline. */
    public record OpenSurge(String signalId, int version, long detectedAt, long windowStart, int observed,
                            double expected, double score, String detector, String ruleId, List<String> caseIds,
                            List<String> repeatCaseIds, List<String> accusedUnits, Map<String, Integer> categories) {

        /** The category most counted cases of the surge are about (the latest on a tie), or null. */
        public String mainCategory() {
            String best = null;
            int most = 0;
            for (Map.Entry<String, Integer> e : categories.entrySet()) {
                if (e.getValue() >= most) {
                    best = e.getKey();
                    most = e.getValue();
                }
            }
            return best;
        }
    }

    /** Counted weight of the cases in (from, to]. */
    public int observed(long from, long to) {
        int sum = 0;
        for (int i = recent.size() - 1; i >= 0; i--) {
            Observation o = recent.get(i);
            if (o.at() <= from) {
                break;
            }
            if (o.at() <= to) {
                sum += o.weight();
            }
        }
        return sum;
    }

    /** Whether {@code at} falls in a period the baseline must not learn from. */
    boolean excluded(long at) {
        for (Excluded e : excluded) {
            if (at >= e.from() && at <= e.to()) {
                return true;
            }
        }
        return false;
    }
}

package io.earlywarning.surge;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A {@code SURGE} signal on topic {@code signals}: volume on one key (estate, district, district × category) well
 * above its learned baseline. One surge per key at a time, under one {@code signalId}: {@code open} when it is
 * raised, {@code update} (version + 1) as it grows, {@code closed} when volume is back to baseline.
 *
 * @param detectedAt    event time of the case that made the detector fire
 * @param updatedAt     event time of this version (the newest case, or the stream time at which it closed)
 * @param windowStart   start of the window the figures are about; {@code windowEnd} its end
 * @param observed      distinct petitioners (group visits by headcount) in the window
 * @param expected      what the baseline expects in the window
 * @param score         the detector's score: a p-value for {@code seasonal-scan} (smaller is stronger)
 * @param caseIds       the counted cases (evidence)
 * @param repeatCaseIds cases in the window from petitioners already counted, shown but not counted
 * @param accusedUnits  units the counted cases accuse, as written: warnings on the surge never reach them
 */
public record SurgeSignal(String signalId, String type, String status, int version, String keyType, String key,
                          String district, String town, String estate, String category, OffsetDateTime detectedAt,
                          OffsetDateTime updatedAt, OffsetDateTime windowStart, OffsetDateTime windowEnd, int observed,
                          double expected, double score, List<String> caseIds, List<String> repeatCaseIds,
                          List<String> accusedUnits, String detector, String ruleId, int ruleSetVersion) {

    public static final String TYPE = "SURGE";
}

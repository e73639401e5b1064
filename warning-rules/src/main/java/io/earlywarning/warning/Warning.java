package io.earlywarning.warning;

import io.earlywarning.routing.UnitAssignment;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A warning (预警) on topic {@code warnings}: one per rule and subject, updated (version + 1) as evidence grows.
 *
 * @param warningId      deterministic: {@code <ruleId>:<subject>:<triggeredAt as yyyyMMddHHmmss>}
 * @param status         {@code open} (first version), {@code update} (more evidence or a higher severity),
 *                       {@code subsided} (the surge behind it closed), {@code resolved} (a duty officer resolved it:
 *                       办结, read back from {@code warnings.actions}; the last version)
 * @param type           the signal type that raised it: SURGE, THREAT, REPEAT, CLUSTER_GROWTH
 * @param triggeredAt    event time of the case that triggered it
 * @param updatedAt      event time of this version
 * @param subject        what it is about (see {@link SignalView#subject})
 * @param units          who takes it (属地 + 行业, public security, joint office, or a superior instead of an accused unit)
 * @param acknowledgeBy  event time by which a receiving unit must acknowledge
 * @param escalation     who is told when, if nobody acknowledges
 * @param routingNotes   why routing differs from the plain rule (whistleblower guard, fallbacks), in Chinese
 * @param sensitivePeriod name of the sensitive period that tightened the rule, or null
 */
public record Warning(String warningId, int version, String status, String type, String ruleId, int ruleSetVersion,
                      Severity severity, OffsetDateTime triggeredAt, OffsetDateTime updatedAt, String subject,
                      String district, String town, String estate, String category, String clusterId,
                      List<UnitAssignment> units, String title, String summary, Evidence evidence,
                      OffsetDateTime acknowledgeBy, List<Escalation> escalation, List<String> routingNotes,
                      String sensitivePeriod) {

    /**
     * @param caseIds      the cases behind it, oldest first
     * @param spans        threat evidence spans
     * @param observed     counted petitioners in the surge window (or the cluster's size), when there is a count
     * @param expected     what the baseline expected in the window
     * @param score        the detector's score (a p-value for surges)
     * @param signalIds    the signals that raised and updated it
     * @param accusedUnits units the evidence cases accuse, as written (kept so routing stays guarded as it grows)
     */
    public record Evidence(List<String> caseIds, List<SignalView.Span> spans, Integer observed, Double expected,
                           Double score, List<String> signalIds, String threatCategory, List<String> accusedUnits) {
    }

    /** One escalation step: at {@code at}, if still unacknowledged, these units are told. */
    public record Escalation(OffsetDateTime at, List<UnitAssignment> units) {
    }
}

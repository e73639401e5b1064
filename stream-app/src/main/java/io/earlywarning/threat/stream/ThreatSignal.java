package io.earlywarning.threat.stream;

import io.earlywarning.domain.Case;
import io.earlywarning.threat.ThreatAssessment;
import io.earlywarning.threat.ThreatDetector;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A {@code THREAT} signal on topic {@code signals}: a case whose text threatens harm (扬言), for a person to verify
 * at once. Keyed by case id; {@code signalId} is deterministic, so a replay produces the same signal.
 *
 * @param detectedAt event time: when the case was received
 * @param category     the threat's category ({@code self_harm}, {@code violence}, {@code arson_explosive})
 * @param caseCategory the complaint's category (城乡建设 …), for routing to its sector unit
 * @param field        which text of the case the evidence offsets point into ({@code text} or {@code subject})
 * @param accusedUnit  the unit the case accuses, if any: a warning on this threat never reaches it
 */
public record ThreatSignal(String signalId, String type, String caseId, OffsetDateTime detectedAt, String channel,
                           String district, String town, String estate, String category, String caseCategory,
                           String sector, String severity, String field, List<ThreatAssessment.Evidence> evidence,
                           List<String> ruleIds, String accusedUnit) {

    public static final String TYPE = "THREAT";

    /** The signal for a case whose text (or, failing that, subject) threatens harm; empty for any other case. */
    public static Optional<ThreatSignal> of(Case c, ThreatDetector detector) {
        ThreatAssessment inText = detector.assess(c.text());
        if (inText.threat()) {
            return Optional.of(of(c, "text", inText));
        }
        ThreatAssessment inSubject = detector.assess(c.subject());
        return inSubject.threat() ? Optional.of(of(c, "subject", inSubject)) : Optional.empty();
    }

    static ThreatSignal of(Case c, String field, ThreatAssessment a) {
        return new ThreatSignal(TYPE + ":" + c.caseId(), TYPE, c.caseId(), c.receivedAt(), c.channel(), c.district(),
                c.town(), c.estate(), a.category().id(), c.category(), c.sector(), a.severity(), field, a.evidence(),
                a.ruleIds(), c.accusedUnit());
    }
}

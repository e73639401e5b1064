package io.earlywarning.threat.stream;

import io.earlywarning.domain.Case;
import io.earlywarning.threat.ThreatAssessment;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A {@code THREAT} signal on topic {@code signals}: a case whose text threatens harm (扬言), for a person to verify
 * at once. Keyed by case id; {@code signalId} is deterministic, so a replay produces the same signal.
 *
 * @param detectedAt event time: when the case was received
 * @param field      which text of the case the evidence offsets point into ({@code text} or {@code subject})
 */
public record ThreatSignal(String signalId, String type, String caseId, OffsetDateTime detectedAt, String channel,
                           String district, String town, String estate, String category, String severity,
                           String field, List<ThreatAssessment.Evidence> evidence, List<String> ruleIds) {

    public static final String TYPE = "THREAT";

    public static ThreatSignal of(Case c, String field, ThreatAssessment a) {
        return new ThreatSignal(TYPE + ":" + c.caseId(), TYPE, c.caseId(), c.receivedAt(), c.channel(), c.district(),
                c.town(), c.estate(), a.category().id(), a.severity(), field, a.evidence(), a.ruleIds());
    }
}

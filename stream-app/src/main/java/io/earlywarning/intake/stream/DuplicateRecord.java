package io.earlywarning.intake.stream;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Written to {@code intake.duplicates} for each record dropped because its source id was already seen: the
 * duplicate is counted and can be traced to its source position, but no second case is made. It carries no
 * personal data and not the original bytes (those stay on the intake topic at the position given).
 */
public record DuplicateRecord(String caseId, String channel, OffsetDateTime receivedAt, String reason,
                              Instant firstArrivedAt, Instant arrivedAt, String sourceTopic, int sourcePartition,
                              long sourceOffset) {

    public static DuplicateRecord of(IntakeOutcome outcome) {
        IntakeEnvelope e = outcome.envelope();
        Instant first = Instant.ofEpochMilli(outcome.firstArrivalMs());
        return new DuplicateRecord(e.aCase().caseId(), e.aCase().channel(), e.aCase().receivedAt(),
                "duplicate source id " + e.aCase().sourceId() + ": first arrived " + first + ", dropped",
                first, Instant.ofEpochMilli(e.intakeTimestampMs()), e.sourceTopic(), e.sourcePartition(), e.sourceOffset());
    }
}

package io.earlywarning.intake.stream;

import java.time.OffsetDateTime;

/**
 * Written to {@code intake.duplicates} for each record dropped because its source id was already seen: the
 * duplicate is counted and can be traced to its source position, but no second case is made.
 */
public record DuplicateRecord(String caseId, String channel, OffsetDateTime receivedAt, String sourceTopic,
                              int sourcePartition, long sourceOffset) {

    public static DuplicateRecord of(IntakeEnvelope e) {
        return new DuplicateRecord(e.aCase().caseId(), e.aCase().channel(), e.aCase().receivedAt(), e.sourceTopic(),
                e.sourcePartition(), e.sourceOffset());
    }
}

package io.earlywarning.intake.stream;

import io.earlywarning.domain.Case;

/**
 * A normalized case on its way from the intake topics to {@code cases}, with where it came from: the source
 * position names a duplicate, and the intake timestamp gives the receipt-to-case latency.
 */
public record IntakeEnvelope(Case aCase, String sourceTopic, int sourcePartition, long sourceOffset,
                             long intakeTimestampMs) {
}

package io.earlywarning.intake.stream;

/**
 * A normalized intake record after the duplicate check.
 *
 * @param firstArrivalMs for a duplicate, when the first record of its source id arrived; otherwise its own arrival
 */
public record IntakeOutcome(IntakeEnvelope envelope, boolean duplicate, long firstArrivalMs) {
}

package io.earlywarning.intake.stream;

/** A normalized intake record after the duplicate check. */
public record IntakeOutcome(IntakeEnvelope envelope, boolean duplicate) {
}

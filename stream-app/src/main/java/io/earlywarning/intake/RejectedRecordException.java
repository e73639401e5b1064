package io.earlywarning.intake;

/** Thrown while reading an intake record that cannot become a case; the record goes to {@code intake.rejected}. */
public final class RejectedRecordException extends RuntimeException {

    private final RejectionReason reason;

    public RejectedRecordException(RejectionReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}

package io.earlywarning.intake;

/** Why an intake record could not become a case. Written on each record of topic {@code intake.rejected}. */
public enum RejectionReason {
    /** The bytes are not UTF-8 (often GBK from an older system). */
    NOT_UTF8,
    /** The bytes are UTF-8 but not one JSON object. */
    INVALID_JSON,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (a number where text belongs …). */
    WRONG_TYPE,
    /** A field has the right type but an impossible value (a date that is no date, a negative headcount …). */
    INVALID_VALUE,
    /** The record or its text is larger than the configured limit (1 MB by default). */
    TOO_LARGE,
    /** A text field holds control characters, which no person types and which break downstream displays. */
    CONTROL_CHARACTERS,
    /** Normalizing a valid record failed unexpectedly: a bug, kept for replay once fixed. */
    PROCESSING_ERROR
}

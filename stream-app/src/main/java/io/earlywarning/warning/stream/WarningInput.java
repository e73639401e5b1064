package io.earlywarning.warning.stream;

import io.earlywarning.warning.SignalView;
import io.earlywarning.warning.WarningResolution;

/**
 * What the warning stage reads, keyed by subject: a detection signal, or an officer's resolution (办结) read back
 * from {@code warnings.actions}. One type, so that both reach the task that holds the subject's open warning.
 */
public record WarningInput(SignalView signal, WarningResolution resolution) {

    public static WarningInput of(SignalView signal) {
        return new WarningInput(signal, null);
    }

    public static WarningInput of(WarningResolution resolution) {
        return new WarningInput(null, resolution);
    }

    public String subject() {
        return signal != null ? signal.subject() : resolution.subject();
    }

    /**
     * Where the input sorts in event-time order (epoch milliseconds): the signal's time; none for a resolution, whose
     * time is an officer's wall clock, not the signals' event time, so it passes unordered.
     */
    public Long eventTimeMs() {
        return signal == null || signal.at() == null ? null : signal.at().toInstant().toEpochMilli();
    }

    /** Between inputs of the same event time: by type, signal id, then version. */
    public String orderKey() {
        return signal.type() + "|" + signal.signalId() + "|" + String.format("%08d", signal.version());
    }
}

package io.earlywarning.topology;

import java.time.Duration;

/**
 * Upkeep on event time: a stage's periodic work (closing quiet surges, forgetting old state) is due when a record's
 * own time enters a new slot of {@code length} after the newest time the stage had seen. Not Kafka's stream time:
 * that is the records' broker time, which for a replay or a backlog entered late lies months after the cases were
 * made, so upkeep punctuated on it closed every surge and forgot every warning at each restart.
 */
public record EventTimeSlots(Duration length) {

    public EventTimeSlots {
        if (length.toSeconds() <= 0) {
            throw new IllegalArgumentException("slot length must be at least a second: " + length);
        }
    }

    /**
     * Whether {@code nowSecond} lies in a later slot than {@code newestSecondBefore} (epoch seconds); never before any
     * time was seen ({@code Long.MIN_VALUE}), nor for a record older than the newest.
     */
    public boolean entered(long newestSecondBefore, long nowSecond) {
        if (newestSecondBefore == Long.MIN_VALUE) {
            return false;
        }
        long s = length.toSeconds();
        return Math.floorDiv(nowSecond, s) > Math.floorDiv(newestSecondBefore, s);
    }
}

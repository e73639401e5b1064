package io.earlywarning.replay;

import java.time.Instant;

/** A record to replay: its topic, its event time (for pacing), its key (may be null) and its bytes. */
public record ReplayRecord(String topic, Instant eventTime, byte[] key, byte[] value) {
}

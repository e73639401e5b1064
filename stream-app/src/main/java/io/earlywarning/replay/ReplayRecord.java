package io.earlywarning.replay;

import io.earlywarning.generator.GeneratedRecord;
import io.earlywarning.topology.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A record to replay: its topic, its event time (for pacing), its key (may be null) and its bytes. */
public record ReplayRecord(String topic, Instant eventTime, byte[] key, byte[] value) {

    /** A generated record, to its channel's intake topic, keyed by its source id as the source system would. */
    public static ReplayRecord of(GeneratedRecord r) {
        return new ReplayRecord(Topics.intakeTopic(r.channel()), r.at().toInstant(),
                r.caseId().substring(r.caseId().indexOf(':') + 1).getBytes(StandardCharsets.UTF_8),
                r.json().getBytes(StandardCharsets.UTF_8));
    }
}

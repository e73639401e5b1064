package io.earlywarning.intake.stream;

import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.intake.SourceRecord;
import io.earlywarning.intake.SourceRecordReader;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads the bytes of an intake topic. A record that cannot be read throws
 * {@link io.earlywarning.intake.RejectedRecordException}, which {@link IntakeRejectionHandler} turns into a
 * dead letter: Kafka Streams' own dead-letter-queue path, so rejection is part of the same transaction as the
 * cases written from that poll.
 */
public final class IntakeSerde implements Serde<SourceRecord> {

    private final SourceRecordReader reader;
    private final IntakeFormat format;

    public IntakeSerde(SourceRecordReader reader, IntakeFormat format) {
        this.reader = reader;
        this.format = format;
    }

    @Override
    public Serializer<SourceRecord> serializer() {
        throw new UnsupportedOperationException("intake topics are only read");
    }

    @Override
    public Deserializer<SourceRecord> deserializer() {
        return (topic, bytes) -> reader.read(bytes, format);
    }
}

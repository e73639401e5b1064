package io.earlywarning.intake.stream;

import io.earlywarning.domain.Case;
import io.earlywarning.intake.CaseNormalizer;
import io.earlywarning.intake.SourceRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Normalizes a read intake record into a case, keyed by case id and stamped with its event time (receivedAt), so
 * that every later window counts in the office's time, not in Kafka's arrival time.
 */
public final class NormalizeProcessor extends ContextualProcessor<byte[], SourceRecord, String, IntakeEnvelope> {

    private final CaseNormalizer normalizer;

    public NormalizeProcessor(CaseNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    @Override
    public void process(Record<byte[], SourceRecord> record) {
        Case c = normalizer.normalize(record.value());
        RecordMetadata source = context().recordMetadata().orElseThrow();
        IntakeEnvelope envelope = new IntakeEnvelope(c, source.topic(), source.partition(), source.offset(),
                record.timestamp());
        // Headers of the source are not carried on: they are the source system's and may hold anything.
        context().forward(new Record<>(c.caseId(), envelope, c.receivedAt().toInstant().toEpochMilli(),
                new RecordHeaders()));
    }
}

package io.earlywarning.intake.stream;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;

/**
 * Drops a second record of one source id (a resend, a replay) idempotently: the first makes the case, each later
 * one within the window becomes an {@link IntakeOutcome} of kind duplicate, counted on {@code intake.duplicates}.
 * The seen ids live in a changelogged window store, so the memory survives restarts and expires with event time.
 */
public final class DuplicateFilter extends ContextualProcessor<String, IntakeEnvelope, String, IntakeOutcome> {

    public static final String STORE = "intake-seen-case-ids";

    private final long windowMs;
    private WindowStore<String, Long> seen;

    public DuplicateFilter(Duration window) {
        this.windowMs = window.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, IntakeOutcome> context) {
        super.init(context);
        seen = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, IntakeEnvelope> record) {
        long ts = record.timestamp();
        boolean duplicate;
        try (WindowStoreIterator<Long> earlier = seen.fetch(record.key(), ts - windowMs, ts + windowMs)) {
            duplicate = earlier.hasNext();
        }
        if (!duplicate) {
            seen.put(record.key(), record.value().sourceOffset(), ts);
        }
        context().forward(record.withValue(new IntakeOutcome(record.value(), duplicate)));
    }
}

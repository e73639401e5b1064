package io.earlywarning.intake.stream;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops a second record of one source id (a resend, a replay) idempotently: the first makes the case, each later
 * one becomes an {@link IntakeOutcome} of kind duplicate, counted on {@code intake.duplicates}.
 *
 * <p>The memory is a changelogged key-value store of case id to arrival time, so it survives restarts. It forgets
 * by <em>arrival</em> time, not event time: resends come soon after the original whatever date the case carries,
 * and an event-time window would forget a replayed old case as soon as a newer one had passed.
 */
public final class DuplicateFilter extends ContextualProcessor<String, IntakeEnvelope, String, IntakeOutcome> {

    public static final String STORE = "intake-seen-case-ids";
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final long forgetAfterMs;
    private KeyValueStore<String, Long> seen;

    public DuplicateFilter(Duration forgetAfter) {
        this.forgetAfterMs = forgetAfter.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, IntakeOutcome> context) {
        super.init(context);
        seen = context.getStateStore(STORE);
        context.schedule(PURGE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::forgetOlderThan);
    }

    @Override
    public void process(Record<String, IntakeEnvelope> record) {
        Long firstArrival = seen.get(record.key());
        if (firstArrival == null) {
            seen.put(record.key(), record.value().intakeTimestampMs());
        }
        context().forward(record.withValue(new IntakeOutcome(record.value(), firstArrival != null,
                firstArrival != null ? firstArrival : record.value().intakeTimestampMs())));
    }

    private void forgetOlderThan(long now) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = seen.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> kv = all.next();
                if (kv.value < now - forgetAfterMs) {
                    expired.add(kv.key);
                }
            }
        }
        expired.forEach(seen::delete);
    }
}

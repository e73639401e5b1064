package io.earlywarning.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Puts a stage's input back into event-time order before an order-sensitive stage (the unlisted-estate registry,
 * clustering, surges, repeats, warnings). A repartition topic interleaves the records of every upstream task at whatever pace each task runs, so
 * without this the stage's result depended on that pace: two clean runs of one feed, or a run with a crash, ended
 * with different warnings. Records are held in a changelogged store, sorted by (event time, tie-break), and released
 * once the newest event time seen is {@code grace} past them; a record that waited {@code maxWait} of wall-clock
 * time is released with everything before it, so a quiet live stream is not held back. The order is the same in
 * every run when no record arrives more than {@code grace} of event time and {@code maxWait} of wall time behind a
 * newer one; a record later than that (behind what was released) passes at once and is counted as late.
 * Records without an event time pass at once.
 */
public final class EventTimeOrder<V> implements Processor<String, V, String, V> {

    /** What the store holds for one record; the store's two clock entries use only {@code timestamp}. */
    public record Held(String key, long timestamp, byte[] value) {
    }

    /** How long records wait: {@code grace} of event time, at most {@code maxWait} of wall time. */
    public record Settings(Duration grace, Duration maxWait) {
        public boolean enabled() {
            return maxWait.toMillis() > 0;
        }
    }

    // Clock entries sort after every record key (those start with hex digits).
    private static final String NEWEST = "~newest";
    private static final String RELEASED = "~released";
    private static final Duration FLUSH_CHECK = Duration.ofMillis(500);
    // Per registry and store: the instance's tasks of one stage add up in one gauge, a re-created task finds it.
    private static final Map<MeterRegistry, Map<String, AtomicLong>> HELD =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private final String storeName;
    private final Settings settings;
    private final Serde<V> serde;
    private final Function<V, Long> eventTimeMs;
    private final BiFunction<String, V, String> tieBreak;
    private final AtomicLong held;
    private final Counter late;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, Held> store;
    private long newest;
    private long released;
    private long heldHere;
    /** The held records in arrival order (wall time, event time), for the wall-clock release. */
    private final ArrayDeque<long[]> arrivals = new ArrayDeque<>();

    public EventTimeOrder(String storeName, Settings settings, Serde<V> serde, Function<V, Long> eventTimeMs,
                          BiFunction<String, V, String> tieBreak, MeterRegistry registry) {
        this.storeName = storeName;
        this.settings = settings;
        this.serde = serde;
        this.eventTimeMs = eventTimeMs;
        this.tieBreak = tieBreak;
        this.held = HELD.computeIfAbsent(registry, r -> new ConcurrentHashMap<>()).computeIfAbsent(storeName, s -> {
            AtomicLong n = new AtomicLong();
            Gauge.builder("ew_event_time_order_held", n, AtomicLong::get).tag("store", s)
                    .description("Records held to be put in event-time order before an order-sensitive stage")
                    .register(registry);
            return n;
        });
        this.late = Counter.builder("ew_event_time_order_late_total").tag("store", storeName)
                .description("Records that arrived behind what was already released, passed on out of order")
                .register(registry);
    }

    /** The name of the store the processor before {@code stage} needs. */
    public static String storeName(String stage) {
        return "event-time-order-" + stage;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        newest = clock(NEWEST);
        released = clock(RELEASED);
        // Restored records count as arriving now.
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, Held> it = store.range("", "~")) {
            while (it.hasNext()) {
                var e = it.next();
                arrivals.add(new long[] {now, eventTimeOf(e.key)});
                heldHere++;
            }
        }
        held.addAndGet(heldHere);
        context.schedule(FLUSH_CHECK, PunctuationType.WALL_CLOCK_TIME, this::releaseOverdue);
    }

    @Override
    public void process(Record<String, V> record) {
        Long t = record.value() == null ? null : eventTimeMs.apply(record.value());
        if (t == null) {
            context.forward(record);
            return;
        }
        if (t < released) {
            late.increment();
            context.forward(record);
            return;
        }
        String position = context.recordMetadata().map(m -> m.partition() + ":" + m.offset()).orElse("");
        store.put(sortKey(t) + "|" + tieBreak.apply(record.key(), record.value()) + "|" + position,
                new Held(record.key(), record.timestamp(), serde.serializer().serialize(storeName, record.value())));
        arrivals.add(new long[] {context.currentSystemTimeMs(), t});
        heldHere++;
        held.incrementAndGet();
        if (t > newest) {
            newest = t;
            store.put(NEWEST, new Held(null, newest, null));
        }
        releaseThrough(newest - settings.grace().toMillis());
    }

    /** Wall clock: a record held {@code maxWait} goes, with everything sorted before it. */
    private void releaseOverdue(long wallNow) {
        long through = Long.MIN_VALUE;
        while (!arrivals.isEmpty() && arrivals.peekFirst()[0] <= wallNow - settings.maxWait().toMillis()) {
            long t = arrivals.pollFirst()[1];
            if (t >= released) { // else event time has released it already
                through = Math.max(through, t);
            }
        }
        if (through != Long.MIN_VALUE) {
            releaseThrough(through);
        }
    }

    /** Forwards, in order, every held record with event time at or before {@code through}. */
    private void releaseThrough(long through) {
        if (through < released) {
            return;
        }
        List<String> done = new ArrayList<>();
        // Up to the next millisecond's prefix: every key of an event time <= through.
        try (KeyValueIterator<String, Held> it = store.range("", sortKey(through + 1))) {
            while (it.hasNext()) {
                var e = it.next();
                Held h = e.value;
                context.forward(new Record<>(h.key(), serde.deserializer().deserialize(storeName, h.value()), h.timestamp()));
                done.add(e.key);
            }
        }
        done.forEach(store::delete);
        heldHere -= done.size();
        held.addAndGet(-done.size());
        released = through + 1;
        store.put(RELEASED, new Held(null, released, null));
    }

    @Override
    public void close() {
        held.addAndGet(-heldHere);
    }

    private long clock(String entry) {
        Held h = store.get(entry);
        return h == null ? Long.MIN_VALUE : h.timestamp();
    }

    /** Hex of the event time with its sign bit flipped: the strings sort as the times do, negative ones too. */
    static String sortKey(long eventTimeMs) {
        return String.format("%016x", eventTimeMs ^ Long.MIN_VALUE);
    }

    /** The event time a {@link #sortKey} begins with. */
    static long eventTimeOf(String sortKey) {
        return Long.parseUnsignedLong(sortKey.substring(0, 16), 16) ^ Long.MIN_VALUE;
    }
}

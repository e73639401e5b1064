package io.earlywarning.topology;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reader's side of the ordered core (docs/testing.md; not wired into the topology yet): takes what
 * {@link IntakeOrderStamp} wrote, holds the records in a changelogged store sorted by (order time, intake partition,
 * offset) — all of them the same in every run — and releases them below the least watermark of the live intake
 * partitions ({@link IntakeWatermarks}). Markers are consumed here. A record behind what was already released (its
 * partition came back from idle) goes out at once; so does a record without a stamp.
 */
public final class WatermarkOrder<V> implements Processor<String, V, String, V> {

    // Entries after every record key (those start with hex digits): each intake partition's watermark, and the
    // order time below which everything went out.
    private static final String PARTITION_PREFIX = "~partition|";
    private static final String RELEASED = "~released";
    private static final Duration CHECK = Duration.ofMillis(250);

    private final String storeName;
    private final IntakeWatermarks.Settings settings;
    private final Serde<V> serde;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, EventTimeOrder.Held> store;
    private IntakeWatermarks watermarks;
    private long released = IntakeWatermarks.NOTHING;

    public WatermarkOrder(String storeName, IntakeWatermarks.Settings settings, Serde<V> serde) {
        this.storeName = storeName;
        this.settings = settings;
        this.serde = serde;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        Map<String, Long> restored = new HashMap<>();
        try (KeyValueIterator<String, EventTimeOrder.Held> it = store.prefixScan(PARTITION_PREFIX,
                new StringSerializer())) {
            while (it.hasNext()) {
                var e = it.next();
                restored.put(e.key.substring(PARTITION_PREFIX.length()), e.value.timestamp());
            }
        }
        watermarks = new IntakeWatermarks(settings, context.currentSystemTimeMs(), restored);
        EventTimeOrder.Held r = store.get(RELEASED);
        released = r == null ? IntakeWatermarks.NOTHING : r.timestamp();
        context.schedule(CHECK, PunctuationType.WALL_CLOCK_TIME, this::release);
    }

    @Override
    public void process(Record<String, V> record) {
        Headers h = record.headers();
        if (h.lastHeader(IntakeOrderStamp.ORDER_TIME) == null || h.lastHeader(IntakeOrderStamp.ORDER_PARTITION) == null) {
            context.forward(record);
            return;
        }
        long orderTime = IntakeOrderStamp.headerLong(h, IntakeOrderStamp.ORDER_TIME);
        String partition = new String(h.lastHeader(IntakeOrderStamp.ORDER_PARTITION).value(), StandardCharsets.UTF_8);
        long before = watermarks.watermark(partition);
        if (IntakeOrderStamp.MARKER_KEY.equals(record.key())) {
            watermarks.report(partition, orderTime, IntakeOrderStamp.idle(h));
        } else if (orderTime < released) {
            watermarks.record(partition, orderTime);
            context.forward(record.withHeaders(new RecordHeaders()));
        } else {
            watermarks.record(partition, orderTime);
            String key = EventTimeOrder.sortKey(orderTime) + "|" + partition + "|"
                    + String.format("%016x", IntakeOrderStamp.headerLong(h, IntakeOrderStamp.ORDER_OFFSET));
            store.put(key, new EventTimeOrder.Held(record.key(), record.timestamp(),
                    serde.serializer().serialize(storeName, record.value())));
        }
        if (watermarks.watermark(partition) != before) {
            store.put(PARTITION_PREFIX + partition, new EventTimeOrder.Held(null, watermarks.watermark(partition), null));
        }
        release(context.currentSystemTimeMs());
    }

    private void release(long now) {
        long below = watermarks.releaseBelow(now);
        if (below == IntakeWatermarks.NOTHING) {
            return;
        }
        List<String> done = new ArrayList<>();
        // Keys of order time `below` are longer than its sort key, so they sort after it and wait.
        String upTo = below == IntakeWatermarks.EVERYTHING ? "~" : EventTimeOrder.sortKey(below);
        long last = IntakeWatermarks.NOTHING;
        try (KeyValueIterator<String, EventTimeOrder.Held> it = store.range("", upTo)) {
            while (it.hasNext()) {
                var e = it.next();
                EventTimeOrder.Held held = e.value;
                context.forward(new Record<>(held.key(), serde.deserializer().deserialize(storeName, held.value()),
                        held.timestamp()));
                done.add(e.key);
                last = EventTimeOrder.eventTimeOf(e.key);
            }
        }
        done.forEach(store::delete);
        long through = below == IntakeWatermarks.EVERYTHING ? last : below;
        if (through > released) {
            released = through;
            store.put(RELEASED, new EventTimeOrder.Held(null, released, null));
        }
    }
}

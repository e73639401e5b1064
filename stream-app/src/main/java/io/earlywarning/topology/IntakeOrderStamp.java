package io.earlywarning.topology;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The writer's side of the ordered core (docs/testing.md; not wired into the topology yet): in a normalize task,
 * stamps each record with its order time ({@link IntakeWatermarks#orderTime}) and the intake partition and offset it
 * came from, and every {@code idle}/2 of wall time sends one marker per intake partition the task owns: the
 * partition's watermark, and whether it gave nothing for {@code idle}. The watermarks are in a changelogged store
 * ({@code intake partition → order time}), so a restarted task stamps the next record as an uninterrupted one would.
 */
public final class IntakeOrderStamp<V> extends ContextualProcessor<String, V, String, V> {

    /** Key of a marker record (its value is null); no case id or subject starts with a NUL. */
    public static final String MARKER_KEY = "\u0000watermark";
    public static final String ORDER_TIME = "ew.order.time";
    public static final String ORDER_PARTITION = "ew.order.partition";
    public static final String ORDER_OFFSET = "ew.order.offset";
    public static final String ORDER_IDLE = "ew.order.idle";

    private final String storeName;
    private final List<String> intakeTopics;
    private final Duration idle;
    private final Function<V, Long> eventTimeMs;
    private final Map<String, Long> lastRecordAt = new TreeMap<>();
    private KeyValueStore<String, Long> watermarks;

    public IntakeOrderStamp(String storeName, List<String> intakeTopics, Duration idle, Function<V, Long> eventTimeMs) {
        this.storeName = storeName;
        this.intakeTopics = intakeTopics;
        this.idle = idle;
        this.eventTimeMs = eventTimeMs;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        super.init(context);
        watermarks = context.getStateStore(storeName);
        long now = context.currentSystemTimeMs();
        // The task of partition p reads partition p of every intake topic.
        for (String topic : intakeTopics) {
            lastRecordAt.put(partition(topic, context.taskId().partition()), now);
        }
        context.schedule(idle.dividedBy(2), PunctuationType.WALL_CLOCK_TIME, this::report);
    }

    @Override
    public void process(Record<String, V> record) {
        RecordMetadata source = context().recordMetadata().orElseThrow();
        String partition = partition(source.topic(), source.partition());
        Long event = record.value() == null ? null : eventTimeMs.apply(record.value());
        long watermark = watermark(partition);
        long orderTime = IntakeWatermarks.orderTime(event == null ? record.timestamp() : event, watermark);
        if (orderTime != watermark) {
            watermarks.put(partition, orderTime);
        }
        lastRecordAt.put(partition, context().currentSystemTimeMs());
        Headers headers = new RecordHeaders(record.headers().toArray())
                .add(ORDER_TIME, longBytes(orderTime))
                .add(ORDER_PARTITION, partition.getBytes(StandardCharsets.UTF_8))
                .add(ORDER_OFFSET, longBytes(source.offset()));
        context().forward(record.withHeaders(headers));
    }

    private void report(long now) {
        lastRecordAt.forEach((partition, at) -> {
            Headers headers = new RecordHeaders()
                    .add(ORDER_TIME, longBytes(watermark(partition)))
                    .add(ORDER_PARTITION, partition.getBytes(StandardCharsets.UTF_8))
                    .add(ORDER_IDLE, new byte[] {(byte) (now - at >= idle.toMillis() ? 1 : 0)});
            context().forward(new Record<String, V>(MARKER_KEY, null, now, headers));
        });
    }

    private long watermark(String partition) {
        Long w = watermarks.get(partition);
        return w == null ? IntakeWatermarks.NOTHING : w;
    }

    private static String partition(String topic, int partition) {
        return topic + ":" + partition;
    }

    static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    /** Whether a marker says its partition is idle. */
    public static boolean idle(Headers headers) {
        var h = headers.lastHeader(ORDER_IDLE);
        return h != null && h.value().length == 1 && h.value()[0] == 1;
    }

    /** The long a header of this processor carries. */
    public static long headerLong(Headers headers, String key) {
        return ByteBuffer.wrap(headers.lastHeader(key).value()).getLong();
    }
}

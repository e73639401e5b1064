package io.earlywarning.topology;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far the ordered core may release records (水位, watermarks): the first, Kafka-free piece of the ordered core
 * designed in docs/testing.md, not wired into the topology yet. Each intake partition ({@code topic:partition}) is one
 * writer; its records carry an order time that never goes back ({@link #orderTime}), and its normalize task reports
 * the partition's watermark, or that the partition is idle. Held records may go out below the least watermark of the
 * partitions that are not idle. After a start the core waits {@code settle} (so that every live writer has reported)
 * and until every partition it knew before has reported again, at most {@code maxWait}: a crash then changes when
 * records go out, never in which order.
 */
public final class IntakeWatermarks {

    /** How long a (re)started core waits: at least {@code settle}, for known partitions at most {@code maxWait}. */
    public record Settings(Duration settle, Duration maxWait) {
        public Settings {
            if (maxWait.compareTo(settle) < 0) {
                throw new IllegalArgumentException("maxWait " + maxWait + " is shorter than settle " + settle);
            }
        }
    }

    /** Nothing may go out yet. */
    public static final long NOTHING = Long.MIN_VALUE;
    /** Everything held may go out: every partition is idle. */
    public static final long EVERYTHING = Long.MAX_VALUE;

    private static final class Partition {
        long watermark;
        boolean idle;
        boolean heardSinceStart;

        Partition(long watermark) {
            this.watermark = watermark;
        }
    }

    private final Settings settings;
    private final long startedAtMs;
    private final Map<String, Partition> partitions = new TreeMap<>();

    /**
     * A core started at {@code startedAtMs} that knew {@code restored} (partition → watermark, from its store; empty on
     * a first start).
     */
    public IntakeWatermarks(Settings settings, long startedAtMs, Map<String, Long> restored) {
        this.settings = settings;
        this.startedAtMs = startedAtMs;
        restored.forEach((p, w) -> partitions.put(p, new Partition(w)));
    }

    /**
     * The order time a writer gives a record of event time {@code eventTimeMs} from a partition whose watermark is
     * {@code partitionWatermark}: a record late in its own partition is placed where it arrived, the same in every run.
     */
    public static long orderTime(long eventTimeMs, long partitionWatermark) {
        return Math.max(eventTimeMs, partitionWatermark);
    }

    /** A record of {@code partition} with order time {@code orderTime} arrived: the partition is live and that far. */
    public void record(String partition, long orderTime) {
        report(partition, orderTime, false);
    }

    /** {@code partition}'s writer reported its watermark, and whether the partition has gone idle. */
    public void report(String partition, long watermark, boolean idle) {
        Partition p = partitions.computeIfAbsent(partition, k -> new Partition(watermark));
        p.watermark = Math.max(p.watermark, watermark);
        p.idle = idle;
        p.heardSinceStart = true;
    }

    /** The watermark of {@code partition} to keep in the store, or {@link #NOTHING} if it is unknown. */
    public long watermark(String partition) {
        Partition p = partitions.get(partition);
        return p == null ? NOTHING : p.watermark;
    }

    /**
     * Held records with an order time below this may go out at wall time {@code nowMs}: {@link #NOTHING} while the
     * core is settling or waiting for a known partition, {@link #EVERYTHING} when no partition is live.
     */
    public long releaseBelow(long nowMs) {
        long since = nowMs - startedAtMs;
        if (since < settings.settle().toMillis()) {
            return NOTHING;
        }
        boolean waitedEnough = since >= settings.maxWait().toMillis();
        long least = EVERYTHING;
        for (Partition p : partitions.values()) {
            if (!p.heardSinceStart) {
                if (!waitedEnough) {
                    return NOTHING;
                }
            } else if (!p.idle) {
                least = Math.min(least, p.watermark);
            }
        }
        return least;
    }
}

package io.earlywarning.surge.stream;

import io.earlywarning.surge.SurgeKeyType;
import io.earlywarning.surge.SurgeSignal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters of the surge stage: surges in progress (open now) on the tasks this instance runs, by key type, and the
 * surge and repeat signals raised. Each task reports its own open surges; a task that moves to another instance
 * takes its share with it, so a sum over instances counts every open surge once.
 */
public final class SurgeMetrics {

    public static final String OPEN = "ew.surges.open";
    public static final String SIGNALS = "ew.surge.signals";

    private final MeterRegistry registry;
    private final Map<String, Map<SurgeKeyType, Integer>> openByTask = new ConcurrentHashMap<>();

    public SurgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (SurgeKeyType type : SurgeKeyType.values()) {
            Gauge.builder(OPEN, this, m -> m.open(type)).tag("key_type", type.id())
                    .description("Surges in progress (open) on this instance's tasks, by key type").register(registry);
        }
    }

    private int open(SurgeKeyType type) {
        return openByTask.values().stream().mapToInt(m -> m.getOrDefault(type, 0)).sum();
    }

    /** What a task has open now. */
    void openOnTask(String taskId, Map<SurgeKeyType, Integer> open) {
        openByTask.put(taskId, open);
    }

    /** A task left this instance (closed, migrated): its surges are counted where it runs now. */
    void taskClosed(String taskId) {
        openByTask.remove(taskId);
    }

    /** A signal raised: {@code type} SURGE or REPEAT, {@code status} open, update or closed. */
    private void signal(String type, String keyType, String status) {
        Counter.builder(SIGNALS).description("Surge and repeat signals written to topic signals, by type, key type and status")
                .tag("type", type).tag("key_type", keyType).tag("status", status).register(registry).increment();
    }

    void surge(SurgeSignal s) {
        signal(s.type(), s.keyType(), s.status());
    }

    /** A REPEAT signal (重复信访): the same petitioner about the same matter again. */
    public void repeat() {
        signal("REPEAT", "petitioner", "open");
    }
}

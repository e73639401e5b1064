package io.earlywarning.surge.stream;

import io.earlywarning.domain.Case;
import io.earlywarning.surge.KeyState;
import io.earlywarning.surge.SeasonalScanDetector;
import io.earlywarning.surge.SurgeKey;
import io.earlywarning.surge.SurgeMonitor;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.surge.SurgeSignal;
import io.earlywarning.topology.EventTimeSlots;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The surge stage on one task: cases arrive keyed by surge key ({@code estate:…}, {@code district:…},
 * {@code district-category:…}), so each key's state lives in exactly one task; signals leave keyed by signal id,
 * so every version of one surge stays in order on one partition. Event time closes surges that have gone quiet:
 * when a case's time enters a new ten-minute slot, every open surge of the task is checked (the newest case time is
 * in the changelogged state, so a restarted task checks at the same cases as an uninterrupted one).
 */
public final class SurgeProcessor implements Processor<String, Case, String, SurgeSignal> {

    /** Each key's state without its recent cases ({@link KeyHeader}); named anew when the recent cases moved out. */
    public static final String KEY_STORE = "surge-key-headers";
    /** Each key's recent cases, one entry each: {@code <keyId>\0<epoch second, 12 digits>\0<number, 12 digits>}. */
    public static final String OBSERVATION_STORE = "surge-key-observations";
    public static final String SHARED_STORE = "surge-shared-state";
    /** Who was counted on which key lately: {@code <keyId>|<petitionerKey>} → epoch second. */
    public static final String COUNTED_STORE = "surge-counted-petitioners";
    static final EventTimeSlots CLOSE_CHECK = new EventTimeSlots(Duration.ofMinutes(10));
    /** Once a day, petitioners counted longer ago than distinctPetitionerDays count again: they are forgotten. */
    static final EventTimeSlots FORGET_COUNTED = new EventTimeSlots(Duration.ofDays(1));

    /** A key's state as stored: its recent cases left out (they are in {@link #OBSERVATION_STORE}), and how many
     * observations the key has numbered. */
    public record KeyHeader(KeyState state, long numbered) {
    }

    private final SurgeRules rules;
    private final SurgeMetrics metrics;
    private SurgeMonitor monitor;
    private StoreSurgeMemory memory;
    private ProcessorContext<String, SurgeSignal> context;

    public SurgeProcessor(SurgeRules rules, SurgeMetrics metrics) {
        this.rules = rules;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SurgeSignal> context) {
        this.context = context;
        memory = new StoreSurgeMemory(context.getStateStore(KEY_STORE), context.getStateStore(OBSERVATION_STORE),
                context.getStateStore(SHARED_STORE), context.getStateStore(COUNTED_STORE));
        this.monitor = new SurgeMonitor(rules, new SeasonalScanDetector(), memory);
        // Restored state may hold open surges: count them before the first new signal.
        metrics.openOnTask(context.taskId().toString(), monitor.openSurges());
    }

    @Override
    public void process(Record<String, Case> record) {
        Case c = record.value();
        if (c == null || c.receivedAt() == null) {
            return;
        }
        long newestBefore = monitor.newestCaseAt();
        long t = c.receivedAt().toEpochSecond();
        forward(() -> monitor.observe(SurgeKey.parse(record.key()), c));
        if (CLOSE_CHECK.entered(newestBefore, t)) {
            forward(() -> monitor.advanceTo(t));
        }
        if (FORGET_COUNTED.entered(newestBefore, t)) {
            memory.forgetCountedBefore(t - rules.distinctPetitionerDays() * 86_400L);
        }
    }

    private void forward(Supplier<List<SurgeSignal>> step) {
        List<SurgeSignal> signals;
        try {
            signals = step.get();
        } catch (RuntimeException e) {
            // The memory's kept objects may hold half of this update, which the stores never saw.
            memory.forgetCached();
            throw e;
        }
        for (SurgeSignal s : signals) {
            context.forward(new Record<>(s.signalId(), s, s.updatedAt().toInstant().toEpochMilli()));
            metrics.surge(s);
        }
        if (!signals.isEmpty()) {
            metrics.openOnTask(context.taskId().toString(), monitor.openSurges());
        }
    }

    @Override
    public void close() {
        metrics.taskClosed(context.taskId().toString());
    }
}

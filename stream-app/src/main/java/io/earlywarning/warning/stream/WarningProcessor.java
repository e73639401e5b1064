package io.earlywarning.warning.stream;

import io.earlywarning.topology.EventTimeSlots;
import io.earlywarning.topology.StoreMemory;
import io.earlywarning.warning.Warning;
import io.earlywarning.warning.WarningEngine;
import io.earlywarning.warning.ActiveRules;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Warnings on one task: signals arrive keyed by their subject (an estate's surge, a threatening case, a repeated
 * matter), so that every version of one warning is decided in one place; the open warning of each rule and
 * subject lives in a changelogged store. Officers' resolutions (办结, from {@code warnings.actions}) arrive keyed by the
 * same subject and close the warning. Emits each new warning version keyed by its warning id, with the event time
 * of the signal (or of the resolution).
 */
public final class WarningProcessor implements Processor<String, WarningInput, String, Warning> {

    public static final String STORE = "open-warnings";
    /**
     * A warning no signal can update any more (older than the longest aggregation window) leaves the store, so that
     * it holds the live warnings, not all warnings ever raised. Daily in the signals' event time: it reads every
     * open warning, and a warning kept a day longer costs nothing (so after a restart the first day may pass).
     */
    static final EventTimeSlots FORGET_OLD = new EventTimeSlots(Duration.ofDays(1));

    private final ActiveRules rules;
    private final WarningMetrics metrics;
    private WarningEngine engine;
    private ProcessorContext<String, Warning> context;
    private KeyValueStore<String, Warning> store;
    private long newestSignalAt = Long.MIN_VALUE;

    public WarningProcessor(ActiveRules rules, WarningMetrics metrics) {
        this.rules = rules;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Warning> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.engine = new WarningEngine(rules, StoreMemory.of(store));
    }

    private void forgetOld(long now) {
        Duration longest = rules.get().rules().rules().stream().map(r -> r.aggregation())
                .max(Duration::compareTo).orElse(Duration.ZERO);
        long before = now - longest.toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Warning> it = store.all()) {
            while (it.hasNext()) {
                var e = it.next();
                if (e.value.updatedAt().toInstant().toEpochMilli() < before) {
                    old.add(e.key);
                }
            }
        }
        old.forEach(store::delete);
    }

    @Override
    public void process(Record<String, WarningInput> record) {
        WarningInput in = record.value();
        List<Warning> out = in.signal() != null ? engine.onSignal(in.signal())
                : engine.onResolution(in.resolution()).stream().toList();
        for (Warning w : out) {
            metrics.warning(w);
            context.forward(new Record<>(w.warningId(), w, w.updatedAt().toInstant().toEpochMilli()));
        }
        if (in.signal() != null && in.signal().at() != null) {
            long at = in.signal().at().toEpochSecond();
            if (FORGET_OLD.entered(newestSignalAt, at)) {
                forgetOld(at * 1000);
            }
            newestSignalAt = Math.max(newestSignalAt, at);
        }
    }
}

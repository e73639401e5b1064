package io.earlywarning.warning.stream;

import io.earlywarning.topology.StoreMemory;
import io.earlywarning.warning.SignalView;
import io.earlywarning.warning.Warning;
import io.earlywarning.warning.WarningEngine;
import io.earlywarning.warning.ActiveRules;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Warnings on one task: signals arrive keyed by their subject (an estate's surge, a threatening case, a repeated
 * matter), so that every version of one warning is decided in one place; the open warning of each rule and
 * subject lives in a changelogged store. Emits each new warning version keyed by its warning id, with the event
 * time of the signal.
 */
public final class WarningProcessor implements Processor<String, SignalView, String, Warning> {

    public static final String STORE = "open-warnings";

    private final ActiveRules rules;
    private final WarningMetrics metrics;
    private WarningEngine engine;
    private ProcessorContext<String, Warning> context;

    public WarningProcessor(ActiveRules rules, WarningMetrics metrics) {
        this.rules = rules;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Warning> context) {
        this.context = context;
        KeyValueStore<String, Warning> store = context.getStateStore(STORE);
        this.engine = new WarningEngine(rules, StoreMemory.of(store));
    }

    @Override
    public void process(Record<String, SignalView> record) {
        for (Warning w : engine.onSignal(record.value())) {
            metrics.warning(w);
            context.forward(new Record<>(w.warningId(), w, w.updatedAt().toInstant().toEpochMilli()));
        }
    }
}

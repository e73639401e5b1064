package io.earlywarning.surge.stream;

import io.earlywarning.domain.Case;
import io.earlywarning.surge.RepeatPetitions;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.topology.StoreMemory;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;
import java.util.Optional;

/**
 * Repeat petitions (重复信访) on one task: cases arrive keyed by the petitioner's pseudonym, whose recent matters
 * are kept in a changelogged store; a case on a matter the same petitioner raised within the window becomes a
 * {@code REPEAT} signal (or nothing).
 */
public final class RepeatProcessor implements FixedKeyProcessor<String, Case, Optional<RepeatPetitions.RepeatSignal>> {

    public static final String STORE = "repeat-petitioner-matters";

    /** What the store keeps per petitioner. */
    public record EarlierCases(List<RepeatPetitions.Earlier> cases) {
    }

    private final SurgeRules rules;
    private RepeatPetitions repeats;
    private FixedKeyProcessorContext<String, Optional<RepeatPetitions.RepeatSignal>> context;

    public RepeatProcessor(SurgeRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Optional<RepeatPetitions.RepeatSignal>> context) {
        this.context = context;
        KeyValueStore<String, EarlierCases> store = context.getStateStore(STORE);
        this.repeats = new RepeatPetitions(rules, StoreMemory.mapped(store, EarlierCases::cases, EarlierCases::new));
    }

    @Override
    public void process(FixedKeyRecord<String, Case> record) {
        context.forward(record.withValue(repeats.observe(record.value())));
    }
}

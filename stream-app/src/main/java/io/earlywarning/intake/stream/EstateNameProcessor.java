package io.earlywarning.intake.stream;

import io.earlywarning.domain.Case;
import io.earlywarning.place.EstateNameRegistry;
import io.earlywarning.place.EstateNameRegistry.KnownEstate;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives a case whose estate no gazetteer lists the key that estate was first learned under, so that one-character
 * typos of an unlisted estate count as one estate. Runs on a single partition: the registry must see every
 * unlisted estate to decide the same way on every instance and after every restart (its store is changelogged).
 */
public final class EstateNameProcessor implements FixedKeyProcessor<String, IntakeEnvelope, IntakeEnvelope> {

    public static final String STORE = "unlisted-estate-names";

    private FixedKeyProcessorContext<String, IntakeEnvelope> context;
    private KeyValueStore<String, KnownEstate> store;
    private EstateNameRegistry.Memory memory;

    @Override
    public void init(FixedKeyProcessorContext<String, IntakeEnvelope> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.memory = new EstateNameRegistry.Memory() {
            @Override
            public Optional<KnownEstate> get(String key) {
                return Optional.ofNullable(store.get(key));
            }

            @Override
            public void put(String key, KnownEstate estate) {
                store.put(key, estate);
            }

            @Override
            public Iterable<KnownEstate> canonical() {
                List<KnownEstate> all = new ArrayList<>();
                try (KeyValueIterator<String, KnownEstate> it = store.all()) {
                    it.forEachRemaining(kv -> {
                        if (kv.key.equals(kv.value.key())) {
                            all.add(kv.value);
                        }
                    });
                }
                return all;
            }
        };
    }

    @Override
    public void process(FixedKeyRecord<String, IntakeEnvelope> record) {
        IntakeEnvelope e = record.value();
        Case c = e.aCase();
        KnownEstate estate = EstateNameRegistry.resolve(c.estateKey(), c.estate(), memory);
        Case canonical = c.withEstate(estate.name(), estate.key());
        context.forward(record.withValue(new IntakeEnvelope(canonical, e.sourceTopic(), e.sourcePartition(),
                e.sourceOffset(), e.intakeTimestampMs())));
    }
}

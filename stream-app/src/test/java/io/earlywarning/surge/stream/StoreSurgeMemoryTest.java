package io.earlywarning.surge.stream;

import io.earlywarning.app.AppConfig;
import io.earlywarning.domain.Case;
import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.replay.OfflineIntake;
import io.earlywarning.replay.ReplayRecord;
import io.earlywarning.surge.InMemorySurgeMemory;
import io.earlywarning.surge.KeyState;
import io.earlywarning.surge.SeasonalScanDetector;
import io.earlywarning.surge.SurgeMonitor;
import io.earlywarning.surge.SurgeRules;
import io.earlywarning.surge.SurgeSignal;
import io.earlywarning.topology.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreSurgeMemoryTest {

    private final MockProcessorContext<String, SurgeSignal> context = new MockProcessorContext<>();

    private <V> KeyValueStore<String, V> store(String name, org.apache.kafka.common.serialization.Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
                values).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    /** The stage's four stores, fresh for each test: a memory made on them again reads what an earlier one wrote. */
    private final KeyValueStore<String, SurgeProcessor.KeyHeader> keys = store("keys",
            new JsonSerde<>(SurgeProcessor.KeyHeader.class));
    private final KeyValueStore<String, KeyState.Observation> observations = store("observations",
            new JsonSerde<>(KeyState.Observation.class));
    private final KeyValueStore<String, SurgeMonitor.Shared> shared = store("shared",
            new JsonSerde<>(SurgeMonitor.Shared.class));
    private final KeyValueStore<String, Long> counted = store("counted", Serdes.Long());

    @Test
    void aMemoryReadBackFromItsStoresDecidesEveryCaseAsTheOneKeepingObjects() {
        SurgeRules rules = SurgeRules.bundled();
        SurgeMonitor keeping = new SurgeMonitor(rules, new SeasonalScanDetector(), new InMemorySurgeMemory());

        List<Case> cases = generated();
        List<SurgeSignal> kept = new ArrayList<>();
        List<SurgeSignal> reread = new ArrayList<>();
        StoreSurgeMemory memory = null;
        SurgeMonitor restarted = null;
        for (int i = 0; i < cases.size(); i++) {
            if (i % 50 == 0) {
                // A task restarting on the same stores: nothing kept as objects, all read back.
                memory = new StoreSurgeMemory(keys, observations, shared, counted);
                restarted = new SurgeMonitor(rules, new SeasonalScanDetector(), memory);
            }
            kept.addAll(keeping.next(cases.get(i)));
            reread.addAll(restarted.next(cases.get(i)));
        }
        assertTrue(kept.size() > 0, "the stream must raise surges for this test to mean anything");
        assertEquals(kept, reread);
    }

    @Test
    void aKeysRecentCasesAreStoredOneEntryEachAndReadBackInTheOrderKept() {
        StoreSurgeMemory memory = new StoreSurgeMemory(keys, observations, shared, counted);

        KeyState state = new KeyState();
        state.key = "district:江北区";
        // Two cases in one second, the later-numbered first in the monitor's order; a late one before both.
        state.recent.add(new KeyState.Observation("c-2", 100, 1, null, null));
        state.recent.add(new KeyState.Observation("c-1", 100, 1, null, null));
        memory.put(state.key, state);
        state.recent.add(0, new KeyState.Observation("c-0", 50, 1, null, null));
        memory.put(state.key, state);
        // The oldest leaves the look-back window; a new one arrives.
        state.recent.remove(0);
        state.recent.add(new KeyState.Observation("c-3", 200, 1, null, null));
        memory.put(state.key, state);

        assertEquals(3, count(observations), "one entry per recent case, the expired one deleted");
        assertTrue(keys.get(state.key).state().recent.isEmpty(), "the header does not carry the recent cases");
        KeyState reread = new StoreSurgeMemory(keys, observations, shared, counted).get(state.key);
        assertEquals(List.of("c-2", "c-1", "c-3"), reread.recent.stream().map(KeyState.Observation::caseId).toList());
    }

    private static long count(KeyValueStore<String, ?> store) {
        long n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    private static List<Case> generated() {
        DemoStreamGenerator generator = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY));
        OfflineIntake intake = OfflineIntake.of(AppConfig.from(Map.of("EW_GAZETTEER", "demo-city")));
        var stream = generator.generate(7, 20, DemoStreamGenerator.DEFAULT_START, 150);
        List<Case> cases = new ArrayList<>(intake.normalize(stream.records().stream().map(ReplayRecord::of).toList()));
        cases.sort(Comparator.comparing(Case::receivedAt));
        return cases;
    }
}

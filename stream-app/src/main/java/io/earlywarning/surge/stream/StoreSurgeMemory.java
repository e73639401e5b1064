package io.earlywarning.surge.stream;

import io.earlywarning.surge.KeyState;
import io.earlywarning.surge.SurgeMonitor;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The surge monitor's memory in four changelogged stores: per-key state without its recent cases (the header), the
 * recent cases one entry each, the state its keys share, and who was counted on which key lately.
 *
 * <p>A busy key (a district) holds a thousand recent cases; written as one value, every case rewrote all of them —
 * most of the stage's time and most of its changelog bytes in the soak. Now a case writes its own observation, the
 * deletion of those that left the look-back window, and a small header. The states last used are kept as objects
 * with the observations as stored, so a change is found by comparing the two lists (the monitor only inserts in time
 * order and drops the oldest); after a failed record {@link #forgetCached} drops the objects, which may hold half an
 * update.
 */
final class StoreSurgeMemory implements SurgeMonitor.Memory {

    private static final String SHARED = "shared";
    /** Key states kept as objects, the least recently used dropped first. */
    private static final int CACHED_KEYS = 10_000;
    private static final char SEPARATOR = '\u0000';
    private static final StringSerializer PREFIX = new StringSerializer();

    /** A key state as last read or written, with the store key of each of its observations. */
    private static final class Held {
        final KeyState state;
        final Map<KeyState.Observation, String> stored = new IdentityHashMap<>();
        long numbered;

        Held(KeyState state) {
            this.state = state;
        }
    }

    private final KeyValueStore<String, SurgeProcessor.KeyHeader> keys;
    private final KeyValueStore<String, KeyState.Observation> observations;
    private final KeyValueStore<String, SurgeMonitor.Shared> shared;
    private final KeyValueStore<String, Long> counted;
    private final Map<String, Held> cached = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
            return size() > CACHED_KEYS;
        }
    };
    private SurgeMonitor.Shared cachedShared;

    StoreSurgeMemory(KeyValueStore<String, SurgeProcessor.KeyHeader> keys, KeyValueStore<String, KeyState.Observation> observations,
                     KeyValueStore<String, SurgeMonitor.Shared> shared, KeyValueStore<String, Long> counted) {
        this.keys = keys;
        this.observations = observations;
        this.shared = shared;
        this.counted = counted;
    }

    @Override
    public Long countedAt(String keyId, String petitionerKey) {
        return counted.get(keyId + '|' + petitionerKey);
    }

    @Override
    public void counted(String keyId, String petitionerKey, long epochSecond) {
        counted.put(keyId + '|' + petitionerKey, epochSecond);
    }

    /** Deletes the petitioners counted before {@code epochSecond}: they would count again anyway. */
    void forgetCountedBefore(long epochSecond) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = counted.all()) {
            while (it.hasNext()) {
                var e = it.next();
                if (e.value < epochSecond) {
                    old.add(e.key);
                }
            }
        }
        old.forEach(counted::delete);
    }

    @Override
    public KeyState get(String keyId) {
        Held held = cached.get(keyId);
        if (held == null) {
            held = read(keyId);
            if (held == null) {
                return null;
            }
            cached.put(keyId, held);
        }
        return held.state;
    }

    /** A key's header and its observations in store order: time, then the order they were numbered in. */
    private Held read(String keyId) {
        SurgeProcessor.KeyHeader header = keys.get(keyId);
        if (header == null) {
            return null;
        }
        Held held = new Held(header.state());
        held.numbered = header.numbered();
        List<KeyState.Observation> recent = new ArrayList<>();
        try (KeyValueIterator<String, KeyState.Observation> it = observations.prefixScan(keyId + SEPARATOR, PREFIX)) {
            while (it.hasNext()) {
                var e = it.next();
                recent.add(e.value);
                held.stored.put(e.value, e.key);
            }
        }
        held.state.recent = recent;
        return held;
    }

    @Override
    public void put(String keyId, KeyState state) {
        Held held = cached.get(keyId);
        if (held == null || held.state != state) {
            // A state this memory did not hand out (a key new to the store, or one dropped from the objects since):
            // whatever the store holds for the key is replaced.
            Held before = held != null ? held : read(keyId);
            held = new Held(state);
            if (before != null) {
                before.stored.values().forEach(observations::delete);
                held.numbered = before.numbered;
            }
        }
        Set<KeyState.Observation> now = Collections.newSetFromMap(new IdentityHashMap<>());
        now.addAll(state.recent);
        for (Iterator<Map.Entry<KeyState.Observation, String>> it = held.stored.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<KeyState.Observation, String> e = it.next();
            if (!now.contains(e.getKey())) {
                observations.delete(e.getValue());
                it.remove();
            }
        }
        for (KeyState.Observation o : state.recent) {
            if (!held.stored.containsKey(o)) {
                // Numbered in insertion order, so that cases of one second read back in the order the monitor kept.
                String storeKey = keyId + SEPARATOR + String.format("%012d", o.at()) + SEPARATOR
                        + String.format("%012d", held.numbered++);
                observations.put(storeKey, o);
                held.stored.put(o, storeKey);
            }
        }
        // The header is written without the recent cases: swapped out for the put, which serializes at once.
        List<KeyState.Observation> recent = state.recent;
        state.recent = new ArrayList<>();
        try {
            keys.put(keyId, new SurgeProcessor.KeyHeader(state, held.numbered));
        } finally {
            state.recent = recent;
        }
        cached.put(keyId, held);
    }

    @Override
    public SurgeMonitor.Shared shared() {
        if (cachedShared == null) {
            SurgeMonitor.Shared s = shared.get(SHARED);
            cachedShared = s == null ? new SurgeMonitor.Shared() : s;
        }
        return cachedShared;
    }

    @Override
    public void putShared(SurgeMonitor.Shared s) {
        shared.put(SHARED, s);
        cachedShared = s;
    }

    /** Drops the objects kept: the next reads come from the stores. */
    void forgetCached() {
        cached.clear();
        cachedShared = null;
    }
}

package io.earlywarning.surge.stream;

import io.earlywarning.surge.KeyState;
import io.earlywarning.surge.SurgeMonitor;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The surge monitor's memory in three changelogged stores: per-key state, the state its keys share, and who was
 * counted on which key lately (small entries, so a busy key's state is not rewritten with its petitioners).
 *
 * <p>Writes go through to the stores; the states last written are also kept as objects, so that a busy key (a
 * district sees every few cases) is not read back and deserialized at each case — that was most of the stage's
 * time in the soak's profile. The monitor writes every state it changes, so the objects and the stores agree; after
 * a failed record {@link #forgetCached} drops the objects, which may hold half an update.
 */
final class StoreSurgeMemory implements SurgeMonitor.Memory {

    private static final String SHARED = "shared";
    /** Key states kept as objects, the least recently used dropped first. */
    private static final int CACHED_KEYS = 10_000;

    private final KeyValueStore<String, KeyState> keys;
    private final KeyValueStore<String, SurgeMonitor.Shared> shared;
    private final KeyValueStore<String, Long> counted;
    private final Map<String, KeyState> cached = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KeyState> eldest) {
            return size() > CACHED_KEYS;
        }
    };
    private SurgeMonitor.Shared cachedShared;

    StoreSurgeMemory(KeyValueStore<String, KeyState> keys, KeyValueStore<String, SurgeMonitor.Shared> shared,
                     KeyValueStore<String, Long> counted) {
        this.keys = keys;
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
        KeyState s = cached.get(keyId);
        if (s == null) {
            s = keys.get(keyId);
            if (s != null) {
                cached.put(keyId, s);
            }
        }
        return s;
    }

    @Override
    public void put(String keyId, KeyState state) {
        keys.put(keyId, state);
        cached.put(keyId, state);
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

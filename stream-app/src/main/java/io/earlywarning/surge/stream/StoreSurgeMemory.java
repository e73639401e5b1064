package io.earlywarning.surge.stream;

import io.earlywarning.surge.KeyState;
import io.earlywarning.surge.SurgeMonitor;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The surge monitor's memory in three changelogged stores: per-key state, the state its keys share, and who was
 * counted on which key lately (small entries, so a busy key's state is not rewritten with its petitioners).
 */
final class StoreSurgeMemory implements SurgeMonitor.Memory {

    private static final String SHARED = "shared";

    private final KeyValueStore<String, KeyState> keys;
    private final KeyValueStore<String, SurgeMonitor.Shared> shared;
    private final KeyValueStore<String, Long> counted;

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
        return keys.get(keyId);
    }

    @Override
    public void put(String keyId, KeyState state) {
        keys.put(keyId, state);
    }

    @Override
    public SurgeMonitor.Shared shared() {
        SurgeMonitor.Shared s = shared.get(SHARED);
        return s == null ? new SurgeMonitor.Shared() : s;
    }

    @Override
    public void putShared(SurgeMonitor.Shared s) {
        shared.put(SHARED, s);
    }
}

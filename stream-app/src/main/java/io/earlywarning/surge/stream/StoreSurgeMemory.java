package io.earlywarning.surge.stream;

import io.earlywarning.surge.KeyState;
import io.earlywarning.surge.SurgeMonitor;
import org.apache.kafka.streams.state.KeyValueStore;

/** The surge monitor's memory in two changelogged stores: per-key state, and the state its keys share. */
final class StoreSurgeMemory implements SurgeMonitor.Memory {

    private static final String SHARED = "shared";

    private final KeyValueStore<String, KeyState> keys;
    private final KeyValueStore<String, SurgeMonitor.Shared> shared;

    StoreSurgeMemory(KeyValueStore<String, KeyState> keys, KeyValueStore<String, SurgeMonitor.Shared> shared) {
        this.keys = keys;
        this.shared = shared;
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

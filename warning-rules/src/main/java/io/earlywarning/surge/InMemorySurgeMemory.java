package io.earlywarning.surge;

import java.util.HashMap;
import java.util.Map;

/** Surge state in maps: for the command line, the benchmark and tests (the stream uses changelogged stores). */
public final class InMemorySurgeMemory implements SurgeMonitor.Memory {

    private final Map<String, KeyState> keys = new HashMap<>();
    private final Map<String, Long> counted = new HashMap<>();
    private SurgeMonitor.Shared shared = new SurgeMonitor.Shared();

    @Override
    public Long countedAt(String keyId, String petitionerKey) {
        return counted.get(keyId + '|' + petitionerKey);
    }

    @Override
    public void counted(String keyId, String petitionerKey, long epochSecond) {
        counted.put(keyId + '|' + petitionerKey, epochSecond);
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
        return shared;
    }

    @Override
    public void putShared(SurgeMonitor.Shared s) {
        this.shared = s;
    }
}

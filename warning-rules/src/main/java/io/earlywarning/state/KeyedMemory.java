package io.earlywarning.state;

import java.util.HashMap;
import java.util.Map;

/**
 * What a pure detector remembers between records, by key. The stream backs it with a changelogged state store;
 * the command line, backtests and tests with a map ({@link #inMemory()}).
 */
public interface KeyedMemory<V> {

    /** The value remembered under {@code key}, or null. */
    V get(String key);

    void put(String key, V value);

    static <V> KeyedMemory<V> inMemory() {
        Map<String, V> map = new HashMap<>();
        return new KeyedMemory<>() {
            @Override
            public V get(String key) {
                return map.get(key);
            }

            @Override
            public void put(String key, V value) {
                map.put(key, value);
            }
        };
    }
}

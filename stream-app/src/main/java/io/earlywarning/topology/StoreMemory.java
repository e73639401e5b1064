package io.earlywarning.topology;

import io.earlywarning.state.KeyedMemory;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.function.Function;

/** A detector's {@link KeyedMemory} in a changelogged state store, so the stream remembers across restarts. */
public final class StoreMemory {

    private StoreMemory() {
    }

    public static <V> KeyedMemory<V> of(KeyValueStore<String, V> store) {
        return mapped(store, Function.identity(), Function.identity());
    }

    /** Kept as {@code S} in the store (a wrapper its serde can name), seen as {@code V} by the detector. */
    public static <V, S> KeyedMemory<V> mapped(KeyValueStore<String, S> store, Function<S, V> read, Function<V, S> write) {
        return new KeyedMemory<>() {
            @Override
            public V get(String key) {
                S s = store.get(key);
                return s == null ? null : read.apply(s);
            }

            @Override
            public void put(String key, V value) {
                store.put(key, write.apply(value));
            }
        };
    }
}

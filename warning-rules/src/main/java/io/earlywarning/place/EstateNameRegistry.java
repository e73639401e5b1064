package io.earlywarning.place;

import java.util.Map;

import java.util.LinkedHashMap;

import java.util.Optional;

/**
 * Learns the estates that no gazetteer lists, so that later writings of one of them, one-character typos included,
 * map to the key it was first seen under. Pure logic over a {@link Memory} that the caller keeps (a Kafka Streams
 * store in the stream app, a map in tests and batch commands).
 *
 * <p>Order matters: the first writing seen becomes the canonical one. A writing within one typo of two different
 * known estates is ambiguous and starts an estate of its own rather than guess.
 */
public final class EstateNameRegistry {

    /** A known estate: its canonical key and the name it was first written with. */
    public record KnownEstate(String key, String name) {
    }

    /** What the registry remembers: every key seen, mapped to the estate it stands for. */
    public interface Memory {
        Optional<KnownEstate> get(String key);

        void put(String key, KnownEstate estate);

        /** Every canonical estate (an estate whose own key maps to itself). */
        Iterable<KnownEstate> canonical();
    }

    private EstateNameRegistry() {
    }

    /** A memory in a map, for offline runs and tests (the stream keeps a changelogged store). */
    public static Memory inMemory() {
        Map<String, KnownEstate> map = new LinkedHashMap<>();
        return new Memory() {
            @Override
            public Optional<KnownEstate> get(String key) {
                return Optional.ofNullable(map.get(key));
            }

            @Override
            public void put(String key, KnownEstate estate) {
                map.put(key, estate);
            }

            @Override
            public Iterable<KnownEstate> canonical() {
                return map.entrySet().stream().filter(e -> e.getKey().equals(e.getValue().key()))
                        .map(Map.Entry::getValue).toList();
            }
        };
    }

    /** The canonical estate for a found {@code key}/{@code name}, remembering it for next time. */
    public static KnownEstate resolve(String key, String name, Memory memory) {
        Optional<KnownEstate> known = memory.get(key);
        if (known.isPresent()) {
            return known.get();
        }
        KnownEstate match = null;
        for (KnownEstate candidate : memory.canonical()) {
            if (EstateNames.withinOneTypo(key, candidate.key())) {
                if (match != null && !match.key().equals(candidate.key())) {
                    match = null; // ambiguous: two estates are one slip away
                    break;
                }
                match = candidate;
            }
        }
        KnownEstate result = match != null ? match : new KnownEstate(key, name);
        memory.put(key, result);
        return result;
    }
}

package io.earlywarning.place;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EstateNameRegistryTest {

    /** The registry's memory as a plain map. */
    static final class MapMemory implements EstateNameRegistry.Memory {
        final Map<String, EstateNameRegistry.KnownEstate> map = new LinkedHashMap<>();

        @Override
        public Optional<EstateNameRegistry.KnownEstate> get(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public void put(String key, EstateNameRegistry.KnownEstate estate) {
            map.put(key, estate);
        }

        @Override
        public Iterable<EstateNameRegistry.KnownEstate> canonical() {
            return map.entrySet().stream().filter(e -> e.getKey().equals(e.getValue().key())).map(Map.Entry::getValue).toList();
        }
    }

    private final MapMemory memory = new MapMemory();

    private String resolve(String writing) {
        return EstateNameRegistry.resolve(EstateNames.key(writing), writing, memory).key();
    }

    @Test
    void aOneCharacterTypoOfAnUnlistedEstateMapsToTheFirstWriting() {
        assertThat(resolve("丽发新城小区")).isEqualTo("丽发新城");
        assertThat(resolve("丽法新城")).isEqualTo("丽发新城");
        assertThat(resolve("麗發新城")).isEqualTo("丽发新城");
        assertThat(resolve("丽发·新城")).isEqualTo("丽发新城");
    }

    @Test
    void differentEstatesStayApart() {
        assertThat(resolve("丽发新城")).isEqualTo("丽发新城");
        assertThat(resolve("万科新城")).isEqualTo("万科新城");
        assertThat(resolve("金麓")).isEqualTo("金麓");
        assertThat(resolve("金鹿")).isEqualTo("金鹿");
    }

    @Test
    void aWritingCloseToTwoEstatesDoesNotGuess() {
        resolve("锦绣华庭");
        assertThat(resolve("锦秀华亭")).isEqualTo("锦秀华亭");
        assertThat(resolve("锦绣华亭")).isEqualTo("锦绣华亭");
    }

    @Test
    void aDifferentNumeralIsAnotherPhaseNotATypo() {
        assertThat(resolve("恒大城一期")).isNotEqualTo(resolve("恒大城二期"));
    }

    @Test
    void theFirstNameSeenStaysTheDisplayName() {
        resolve("丽发新城小区");
        assertThat(EstateNameRegistry.resolve("丽法新城", "丽法新城", memory).name()).isEqualTo("丽发新城小区");
    }
}

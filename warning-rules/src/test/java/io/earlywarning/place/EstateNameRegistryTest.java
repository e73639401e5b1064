package io.earlywarning.place;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class EstateNameRegistryTest {

    private final EstateNameRegistry.Memory memory = EstateNameRegistry.inMemory();

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

package io.earlywarning.place;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EstateNamesTest {

    @Test
    void theWaysPeopleWriteOneEstateShareOneKey() {
        String key = EstateNames.key("恒大外滩");
        assertThat(EstateNames.key("恒大·外滩")).isEqualTo(key);
        assertThat(EstateNames.key("恒大.外滩")).isEqualTo(key);
        assertThat(EstateNames.key("恒大。外滩小区")).isEqualTo(key);
        assertThat(EstateNames.key("恒大外滩小区")).isEqualTo(key);
        assertThat(EstateNames.key("恆大外灘")).isEqualTo(key);
        assertThat(EstateNames.key("恒大　外滩")).isEqualTo(key);
    }

    @Test
    void differentEstatesKeepDifferentKeys() {
        assertThat(EstateNames.key("恒大外滩")).isNotEqualTo(EstateNames.key("恒大御景湾"));
    }

    @Test
    void oneCharacterSlipIsATypoOnlyInLongerNames() {
        assertThat(EstateNames.withinOneTypo("丽发新城", "丽法新城")).isTrue();
        assertThat(EstateNames.withinOneTypo("杜鹃文苑", "杜鹃文院")).isTrue();
        assertThat(EstateNames.withinOneTypo("杜鹃文苑", "杜鹃苑")).isFalse();
        assertThat(EstateNames.withinOneTypo("金麓", "金鹿")).isFalse();
        assertThat(EstateNames.withinOneTypo("丽发新城", "万科新城")).isFalse();
    }
}

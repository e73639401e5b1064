package io.earlywarning.place;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceResolverTest {

    private final PlaceResolver demoCity = new PlaceResolver(Gazetteer.load(Gazetteer.DEMO_CITY));
    private final PlaceResolver aCity = new PlaceResolver(Gazetteer.load(Gazetteer.A_CITY));
    private final PlaceResolver none = new PlaceResolver(Gazetteer.NONE);

    @Test
    void listedEstateGivesItsTownAndDistrict() {
        Place p = demoCity.resolve(null, "我们是旭辉·紫金苑的业主，开发商延期交房");
        assertThat(p).isEqualTo(new Place("江北区", "城关街道", "旭辉紫金苑", "旭辉紫金苑"));
    }

    @Test
    void listedEstateWrittenWithAFullStopOrInTraditionalCharactersIsFound() {
        assertThat(demoCity.resolve(null, "我是旭辉。紫金苑的业主").estate()).isEqualTo("旭辉紫金苑");
        assertThat(demoCity.resolve(null, "旭輝紫金苑小區停水").estate()).isEqualTo("旭辉紫金苑");
    }

    @Test
    void oneCharacterTypoOfAListedEstateMapsToIt() {
        Place p = demoCity.resolve(null, "旭辉紫京苑小区延期交房");
        assertThat(p.estate()).isEqualTo("旭辉紫金苑");
    }

    @Test
    void operatorsDistrictFieldWinsOverTheText() {
        Place p = demoCity.resolve("城西区", "来电人反映楼下餐馆油烟扰民");
        assertThat(p.district()).isEqualTo("城西区");
        assertThat(p.estate()).isNull();
    }

    @Test
    void aCityDistrictsAndUnlistedEstatesAreFound() {
        Place p = aCity.resolve(null, "A3区杜鹃文苑小区外的非法汽车检测站要开业了！");
        assertThat(p.district()).isEqualTo("A3区");
        assertThat(p.estate()).isEqualTo("杜鹃文苑小区");
        assertThat(p.estateKey()).isEqualTo("杜鹃文苑");
    }

    @Test
    void withoutAGazetteerUnknownStaysUnknown() {
        Place p = none.resolve(null, "我家门口的路灯坏了一个月");
        assertThat(p).isEqualTo(Place.UNKNOWN);
    }

    @Test
    void withoutAGazetteerTheSourceDistrictIsKeptAsWritten() {
        assertThat(none.resolve("某某区", "停水").district()).isEqualTo("某某区");
    }
}

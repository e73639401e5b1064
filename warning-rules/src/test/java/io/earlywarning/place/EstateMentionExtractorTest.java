package io.earlywarning.place;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Examples are real sentences of the A-city message board (../shared/data/a-city-messages). */
class EstateMentionExtractorTest {

    private final EstateMentionExtractor extractor = new EstateMentionExtractor();

    private String first(String text) {
        var mentions = extractor.extract(text);
        return mentions.isEmpty() ? null : mentions.get(0).name();
    }

    @Test
    void findsEstatesAfterDistrictAndStreetNames() {
        assertThat(first("我们是A市A3区杜鹃文苑小区的业主")).isEqualTo("杜鹃文苑小区");
        assertThat(first("A3区东方红路嘉顺苑2栋2单元优莱克超市后面有老虎机害人。")).isEqualTo("嘉顺苑");
        assertThat(first("位于书院路主干道的在水一方大厦一楼至四楼人为拆除水、电等设施后，烂尾多年")).isEqualTo("在水一方大厦");
        assertThat(first("A市A3区金岭小区内开KTV，怎么回事？")).isEqualTo("金岭小区");
    }

    @Test
    void cutsVerbsAndPronounsInFrontOfTheName() {
        assertThat(first("严重影响丽发新城小区居民的生活")).isEqualTo("丽发新城小区");
        assertThat(first("导致保利麓谷林语小区多栋楼停水")).isEqualTo("保利麓谷林语小区");
    }

    @Test
    void genericWordsAndFacilitiesAreNotEstates() {
        assertThat(extractor.extract("我们小区的物业太差了，整个小区都没人管")).isEmpty();
        assertThat(extractor.extract("关于开展城镇老旧小区改造的建议")).isEmpty();
        assertThat(extractor.extract("孩子在金星幼儿园上学，政府应该管一管")).isEmpty();
        assertThat(extractor.extract("五一广场周边交通拥堵")).isEmpty();
    }

    @Test
    void institutionsVerbsAndFragmentsFromRealMessagesAreNotEstates() {
        assertThat(extractor.extract("A市电力局强占小区公摊范围强制施工")).isEmpty();
        assertThat(extractor.extract("都一年了仍未入驻小区")).isEmpty();
        assertThat(extractor.extract("举报A8县市有人用量速国际区块链软件进行网络诈骗")).isEmpty();
        assertThat(extractor.extract("A1区花园里的路灯坏了")).isEmpty();
        assertThat(extractor.extract("A7县泉塘泉星物流园小区后街摆放游戏赌博机")).isEmpty();
        assertThat(extractor.extract("长城物业动用水枪、灭火器在小区内斗殴")).isEmpty();
    }

    @Test
    void aStreetNameCanNameAnEstate() {
        assertThat(first("我住在中山路小区三栋")).isEqualTo("中山路小区");
    }

    @Test
    void findsTheSameKeyForVariantWritingsInText() {
        var a = extractor.extract("万科·魅力之城业主反映")
                .get(0).key();
        var b = extractor.extract("万科魅力之城小区业主反映").get(0).key();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void anyTextIsReadWithoutFailing() {
        // Random texts from the characters the rules look at: suffixes, markers, cut words, separators, letters.
        String pool = "小区花园家园苑府园湾郡城新村大厦区市县镇路街村号栋的我们业主导致在和于A3a1·.。 ，丽发金科万";
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(30);
            for (int j = 0; j < length; j++) {
                text.append(pool.charAt(random.nextInt(pool.length())));
            }
            for (var m : extractor.extract(text.toString())) {
                assertThat(m.start()).isLessThan(m.end());
                assertThat(m.key()).isNotBlank();
            }
        }
    }

    @Test
    void aTextWithoutAnEstateYieldsNothing() {
        assertThat(extractor.extract("A市地铁三号线为什么还不通")).isEmpty();
    }
}

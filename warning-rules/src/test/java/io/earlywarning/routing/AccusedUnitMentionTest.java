package io.earlywarning.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccusedUnitMentionTest {

    @Test
    void theBodyAComplaintIsAboutIsAccused() {
        assertThat(AccusedUnitMention.find("我要控告A3区住建局，对违建不闻不问")).contains("A3区住建局");
        assertThat(AccusedUnitMention.find("举报A7县青山铺镇政府违规征地")).contains("A7县青山铺镇政府");
        assertThat(AccusedUnitMention.find("投诉部门：A市A1区城乡建设局")).contains("A市A1区城乡建设局");
    }

    @Test
    void aBodyFollowedByMisconductIsAccused() {
        assertThat(AccusedUnitMention.find("小区违建多年，城关街道办事处一直推诿不管")).contains("城关街道办事处");
    }

    @Test
    void theBodyAComplaintIsSentToIsNotAccused() {
        assertThat(AccusedUnitMention.find("我已投诉到省纪委，也向市信访局反映过")).isEmpty();
        assertThat(AccusedUnitMention.find("希望住建局尽快处理开发商延期交房问题")).isEmpty();
        assertThat(AccusedUnitMention.find("请住建局查处开发商的违规行为")).isEmpty();
    }

    @Test
    void companiesAreComplainedAboutButNeverAccusedUnits() {
        assertThat(AccusedUnitMention.find("投诉鑫天鑫城物业公司乱收费")).isEmpty();
        assertThat(AccusedUnitMention.find("投诉小区附近搅拌站噪音扰民")).isEmpty();
    }
}

package io.earlywarning.privacy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataMaskerTest {

    private final PersonalDataMasker masker = new PersonalDataMasker();

    @Test
    void masksPhoneAndIdNumbersInAnyCommonWriting() {
        String text = "我的电话13812345678，也可打+86 139-8765-4321或0731-88886666，身份证430104198001011234，另一个43010419800101123X。";
        String masked = masker.mask(text);
        assertThat(masked).doesNotContain("13812345678", "139-8765-4321", "88886666", "430104198001011234", "43010419800101123X");
        assertThat(masker.containsPersonalNumber(masked)).isFalse();
    }

    @Test
    void leavesAmountsDatesAndHouseNumbersReadable() {
        String text = "拖欠工资85000元，2019年12月31日前支付，住3栋2单元1201室，合同编号20190101。";
        assertThat(masker.mask(text)).isEqualTo(text);
    }

    @Test
    void masksThePetitionersOwnName() {
        assertThat(masker.mask("本人王建国反映问题", List.of("王建国"))).isEqualTo("本人[姓名]反映问题");
    }

    @Test
    void findsEachPersonalNumberAsDigitsWhateverItsWriting() {
        String text = "电话+86 139-8765-4321，身份证43010419800101123x，金额85000元，订单20190101。";
        assertThat(masker.personalNumbersIn(text)).containsExactlyInAnyOrder("13987654321", "43010419800101123X");
        assertThat(masker.personalNumbersIn(masker.mask(text))).isEmpty();
    }
}

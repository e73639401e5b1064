package io.earlywarning.fault;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrivacyScanTest {

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aNumberASourceSentIsFoundInAnyPartOfADerivedRecord() {
        PrivacyScan scan = new PrivacyScan();
        scan.sent(utf8("{\"callerNumber\":\"13912345678\",\"summary\":\"身份证430104198001011234\"}"));
        assertThat(scan.numbersSent()).isEqualTo(2);
        assertThat(scan.leaksIn(null, utf8("{\"text\":\"联系电话139 1234 5678\"}"), null)).containsExactly("13912345678");
        assertThat(scan.leaksIn(utf8("430104198001011234"), null, null)).containsExactly("430104198001011234");
        RecordHeaders headers = new RecordHeaders();
        headers.add("note", utf8("13912345678"));
        assertThat(scan.leaksIn(null, utf8("{}"), headers)).containsExactly("13912345678");
    }

    @Test
    void maskedTextsAndOtherDigitRunsAreNoLeak() {
        PrivacyScan scan = new PrivacyScan();
        scan.sent(utf8("{\"callerNumber\":\"13912345678\"}"));
        assertThat(scan.leaksIn(null, utf8("{\"text\":\"联系电话[电话]，另一人13800000000\",\"petitionerKey\":\"pk_a13912345679b\"}"), null))
                .isEmpty();
    }
}

package io.earlywarning.fault;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeLedgerTest {

    private final IntakeLedger ledger = new IntakeLedger();

    IntakeLedgerTest() {
        ledger.sentCase("hotline:1");
        ledger.sentCase("hotline:2");
        ledger.sentCase("hotline:2");
        ledger.sentBad("{bad".getBytes(StandardCharsets.UTF_8), "bad 0");
    }

    @Test
    void everyRecordOutOnceAsCaseDuplicateOrDeadLetterIsExact() {
        IntakeLedger.Accounting a = ledger.account(List.of("hotline:1", "hotline:2"), List.of("hotline:2"),
                List.of("{bad".getBytes(StandardCharsets.UTF_8)));
        assertThat(a.exact()).isTrue();
        assertThat(a.sent()).isEqualTo(4);
    }

    @Test
    void aLostResendAndADoubledCaseAreNamed() {
        IntakeLedger.Accounting a = ledger.account(List.of("hotline:1", "hotline:1", "hotline:2"), List.of(),
                List.of("{bad".getBytes(StandardCharsets.UTF_8)));
        assertThat(a.exact()).isFalse();
        assertThat(a.missing()).containsExactly("hotline:2 (1 duplicate(s) not counted)");
        assertThat(a.doubled()).containsExactly("hotline:1 (2 cases)");
    }

    @Test
    void aDeadLetterWithOtherBytesThanSentIsNotTheBadRecord() {
        IntakeLedger.Accounting a = ledger.account(List.of("hotline:1", "hotline:2"), List.of("hotline:2"),
                List.of("{bad}".getBytes(StandardCharsets.UTF_8)));
        assertThat(a.missing()).containsExactly("bad 0 (no dead letter)");
        assertThat(a.unexpected()).hasSize(1);
    }
}

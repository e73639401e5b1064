package io.earlywarning.gateway.digest;

import io.earlywarning.gateway.access.UnitAccess;
import io.earlywarning.gateway.board.WarningBoard;
import io.earlywarning.gateway.delivery.Delivery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.earlywarning.gateway.support.TestWarnings.DEMO;
import static io.earlywarning.gateway.support.TestWarnings.TABLE;
import static io.earlywarning.gateway.support.TestWarnings.received;
import static io.earlywarning.gateway.support.TestWarnings.surge;
import static org.assertj.core.api.Assertions.assertThat;

class DailyDigestTest {

    private final UnitAccess access = new UnitAccess(TABLE);
    private final WarningBoard board = new WarningBoard();
    private final Instant evening = received().plus(Duration.ofHours(8));

    @Test
    void aUnitWithNothingGetsAnExplicitZeroReport() {
        board.onWarning(surge("w1", List.of("jz-d01-gov")), received());
        Delivery.Message m = DailyDigest.compose(TABLE.unit("jz-d02-gov"), LocalDate.of(2026, 11, 23), evening,
                board.all(), access);
        assertThat(m.title()).contains("江南区人民政府").contains("今日无预警（零报告）");
        assertThat(m.data().path("zeroReport").asBoolean()).isTrue();
    }

    @Test
    void aUnitWithWarningsGetsCountsAndItsOpenWarnings() {
        board.onWarning(surge("w1", List.of("jz-d01-gov")), received());
        Delivery.Message m = DailyDigest.compose(TABLE.unit("jz-d01-gov"), LocalDate.of(2026, 11, 23), evening,
                board.all(), access);
        assertThat(m.data().path("zeroReport").asBoolean()).isFalse();
        assertThat(m.text()).contains("过去 24 小时新预警 1 条，橙色 1").contains("未签收 1 条").contains("旭辉紫金苑信访量激增");
    }

    @Test
    void theDigestIsDueFromTheConfiguredLocalTimeForTheConfiguredUnits() {
        // demo-city: zeroReport at 17:00 (+08:00) to territorial units
        assertThat(DailyDigest.dueDate(DEMO.rules(), Instant.parse("2026-11-23T08:59:00Z"))).isNull();
        assertThat(DailyDigest.dueDate(DEMO.rules(), Instant.parse("2026-11-23T09:00:00Z"))).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(DailyDigest.recipients(DEMO.rules(), access)).allMatch(u -> u.territorial())
                .extracting(u -> u.id()).contains("jz-d01-gov", "jz-d02-gov");
    }
}

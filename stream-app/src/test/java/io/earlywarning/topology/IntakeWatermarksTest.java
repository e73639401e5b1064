package io.earlywarning.topology;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Started at wall time 0; settles for 2 s, waits for known partitions at most 30 s. */
class IntakeWatermarksTest {

    private static final IntakeWatermarks.Settings SETTINGS =
            new IntakeWatermarks.Settings(Duration.ofSeconds(2), Duration.ofSeconds(30));
    private static final String HOTLINE = "intake.hotline:0";
    private static final String ONLINE = "intake.online:1";

    private static IntakeWatermarks firstStart() {
        return new IntakeWatermarks(SETTINGS, 0, Map.of());
    }

    @Test
    void recordsGoOutBelowTheSlowerPartitionsWatermark() {
        IntakeWatermarks w = firstStart();
        w.record(HOTLINE, 500);
        w.record(ONLINE, 200);
        assertThat(w.releaseBelow(3_000)).isEqualTo(200);
        w.record(ONLINE, 900);
        assertThat(w.releaseBelow(3_000)).isEqualTo(500);
    }

    @Test
    void nothingGoesOutWhileTheCoreSettlesAfterAFirstStart() {
        IntakeWatermarks w = firstStart();
        w.record(HOTLINE, 500);
        // Another normalize task may not have reported yet: its partition would be passed over.
        assertThat(w.releaseBelow(1_999)).isEqualTo(IntakeWatermarks.NOTHING);
        assertThat(w.releaseBelow(2_000)).isEqualTo(500);
    }

    @Test
    void anIdlePartitionHoldsNoOneBackAndWhenAllAreIdleEverythingGoes() {
        IntakeWatermarks w = firstStart();
        w.record(HOTLINE, 500);
        w.report(ONLINE, IntakeWatermarks.NOTHING, false);
        assertThat(w.releaseBelow(3_000)).isEqualTo(IntakeWatermarks.NOTHING);
        w.report(ONLINE, IntakeWatermarks.NOTHING, true);
        assertThat(w.releaseBelow(3_000)).isEqualTo(500);
        w.report(HOTLINE, 500, true);
        assertThat(w.releaseBelow(3_000)).isEqualTo(IntakeWatermarks.EVERYTHING);
    }

    @Test
    void aRecordOfAnIdlePartitionMakesItHoldTheOthersAgain() {
        IntakeWatermarks w = firstStart();
        w.record(HOTLINE, 500);
        w.report(ONLINE, 100, true);
        assertThat(w.releaseBelow(3_000)).isEqualTo(500);
        w.record(ONLINE, 300);
        assertThat(w.releaseBelow(3_000)).isEqualTo(300);
    }

    @Test
    void afterARestartNothingGoesUntilEveryKnownPartitionHasReportedAgain() {
        // Before the crash the online partition was at 400; its backlog may hold records from 400 on.
        IntakeWatermarks w = new IntakeWatermarks(SETTINGS, 0, Map.of(HOTLINE, 1_000L, ONLINE, 400L));
        w.record(HOTLINE, 1_200);
        assertThat(w.releaseBelow(5_000)).isEqualTo(IntakeWatermarks.NOTHING);
        w.report(ONLINE, 400, false);
        assertThat(w.releaseBelow(5_000)).isEqualTo(400);
    }

    @Test
    void aKnownPartitionSilentAfterARestartIsWaitedForAtMostMaxWait() {
        IntakeWatermarks w = new IntakeWatermarks(SETTINGS, 0, Map.of(HOTLINE, 1_000L, ONLINE, 400L));
        w.record(HOTLINE, 1_200);
        assertThat(w.releaseBelow(29_999)).isEqualTo(IntakeWatermarks.NOTHING);
        assertThat(w.releaseBelow(30_000)).isEqualTo(1_200);
    }

    @Test
    void aWatermarkNeverGoesBack() {
        IntakeWatermarks w = firstStart();
        w.record(HOTLINE, 500);
        w.report(HOTLINE, 300, false);
        assertThat(w.watermark(HOTLINE)).isEqualTo(500);
        assertThat(w.watermark(ONLINE)).isEqualTo(IntakeWatermarks.NOTHING);
    }

    @Test
    void aRecordLateInItsOwnPartitionIsPlacedWhereItArrived() {
        assertThat(IntakeWatermarks.orderTime(300, 500)).isEqualTo(500);
        assertThat(IntakeWatermarks.orderTime(700, 500)).isEqualTo(700);
    }

    @Test
    void aMaxWaitShorterThanTheSettleTimeIsRefused() {
        assertThatThrownBy(() -> new IntakeWatermarks.Settings(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

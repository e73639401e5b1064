package io.earlywarning.topology;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTimeSlotsTest {

    private final EventTimeSlots tenMinutes = new EventTimeSlots(Duration.ofMinutes(10));

    @Test
    void upkeepIsDueWhenACaseEntersALaterSlotThanTheNewestBefore() {
        assertThat(tenMinutes.entered(1_200, 1_799)).isFalse();
        assertThat(tenMinutes.entered(1_799, 1_800)).isTrue();
        assertThat(tenMinutes.entered(1_200, 90_000)).isTrue();
    }

    @Test
    void neitherBeforeAnyTimeWasSeenNorForALateCase() {
        assertThat(tenMinutes.entered(Long.MIN_VALUE, 1_800)).isFalse();
        assertThat(tenMinutes.entered(90_000, 1_800)).isFalse();
    }

    @Test
    void slotsBeforeTheEpochCountAsWell() {
        assertThat(tenMinutes.entered(-601, -599)).isTrue();
        assertThat(tenMinutes.entered(-599, -1)).isFalse();
    }

    @Test
    void aSlotShorterThanASecondIsRefused() {
        assertThatThrownBy(() -> new EventTimeSlots(Duration.ofMillis(500))).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.earlywarning.gateway.board;

import io.earlywarning.gateway.access.UnitAccess;
import io.earlywarning.warning.Severity;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.earlywarning.gateway.support.TestWarnings.TABLE;
import static io.earlywarning.gateway.support.TestWarnings.received;
import static io.earlywarning.gateway.support.TestWarnings.surge;
import static io.earlywarning.gateway.support.TestWarnings.warning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarningBoardTest {

    private final WarningBoard board = new WarningBoard();
    private final UnitAccess access = new UnitAccess(TABLE);
    private final List<WarningAction> recorded = new ArrayList<>();
    private final Instant now = received().plus(Duration.ofMinutes(10));
    private final DutyDesk desk = new DutyDesk(board, () -> access, Clock.fixed(now, ZoneOffset.UTC), a -> {
        recorded.add(a);
        board.onAction(a);
    });

    @Test
    void unitSeesItsOwnAndItsSubordinatesWarningsButNeverAnotherUnits() {
        board.onWarning(surge("w1", List.of("jz-d01-gov", "jz-d01-housing")), received());
        TrackedWarning t = board.get("w1").orElseThrow();
        assertThat(access.canSee("jz-d01-gov", t)).isTrue();
        assertThat(access.canSee("jz-d01-housing", t)).isTrue();
        assertThat(access.canSee("jz-housing", t)).as("the city bureau above the district bureau").isTrue();
        assertThat(access.canSee("jz-gov", t)).as("the city government above both").isTrue();
        assertThat(access.canSee("jz-d02-gov", t)).as("another district").isFalse();
        assertThat(access.canSee("jz-d01-t01", t)).as("a street office below the recipient").isFalse();
        assertThatThrownBy(() -> desk.visible("jz-d02-gov", "w1")).isInstanceOf(DutyDesk.Refused.class)
                .satisfies(e -> assertThat(((DutyDesk.Refused) e).status()).isEqualTo(403));
    }

    @Test
    void anAccusedUnitNeverSeesTheWarningEvenAboveItsRecipient() {
        // Defence in depth behind the router: should a warning that accuses 江北区人民政府 reach a unit under it, neither
        // the accused government nor the units under it see it; the superior above the accused does.
        board.onWarning(warning("w2", 1, Severity.YELLOW, List.of("jz-d01-t01", "jz-d01-housing"), "jz-gov",
                List.of("江北区政府"), "举报"), received());
        TrackedWarning t = board.get("w2").orElseThrow();
        assertThat(access.canSee("jz-d01-housing", t)).as("a recipient outside the accused unit's line").isTrue();
        assertThat(access.canSee("jz-d01-gov", t)).isFalse();
        assertThat(access.canSee("jz-d01-t01", t)).isFalse();
        assertThat(access.canSee("jz-gov", t)).as("the accused unit's superior still sees it").isTrue();
    }

    @Test
    void acknowledgementStopsEscalation() {
        board.onWarning(surge("w3", List.of("jz-d01-gov")), received());
        board.onWarning(surge("w4", List.of("jz-d01-gov")), received());
        desk.acknowledge("jz-d01-gov", "jz-d01-gov", "w3");

        List<WarningBoard.DueEscalation> due = board.dueEscalations(received().plus(Duration.ofMinutes(61)), 1, access);

        assertThat(due).extracting(d -> d.tracked().id()).containsExactly("w4");
        assertThat(due.get(0).step()).isZero();
        assertThat(due.get(0).units()).containsExactly("jz-gov");
        assertThat(recorded).extracting(WarningAction::type).containsExactly("acknowledge");
    }

    @Test
    void escalationStepsComeInOrderAndEachOnce() {
        board.onWarning(surge("w5", List.of("jz-d01-gov")), received());
        assertThat(board.dueEscalations(received().plus(Duration.ofMinutes(59)), 1, access)).isEmpty();
        Instant late = received().plus(Duration.ofHours(4));
        List<WarningBoard.DueEscalation> first = board.dueEscalations(late, 1, access);
        assertThat(first).extracting(WarningBoard.DueEscalation::step).containsExactly(0);
        board.onAction(escalate("w5", 0, first.get(0).units(), late));
        assertThat(board.dueEscalations(late, 1, access)).extracting(WarningBoard.DueEscalation::step).containsExactly(1);
        board.onAction(escalate("w5", 1, List.of("jz-petition"), late));
        assertThat(board.dueEscalations(late, 1, access)).isEmpty();
        assertThat(board.get("w5").orElseThrow().escalatedUnits()).containsExactly("jz-gov", "jz-petition");
        assertThat(access.canSee("jz-petition", board.get("w5").orElseThrow())).as("escalated units see it").isTrue();
    }

    @Test
    void deadlinesRunFasterWithATimeScale() {
        board.onWarning(surge("w6", List.of("jz-d01-gov")), received());
        assertThat(board.dueEscalations(received().plus(Duration.ofSeconds(61)), 60, access)).hasSize(1);
        assertThat(board.get("w6").orElseThrow().acknowledgeDeadline(60)).isEqualTo(received().plusSeconds(60));
    }

    @Test
    void aSilenceHoldsEscalationOnlyWhileItLastsAndOnlyForItsUnit() {
        board.onWarning(surge("w7", List.of("jz-d01-gov")), received());
        board.onWarning(surge("w8", List.of("jz-d02-gov")), received());
        desk.silence("jz-d01-gov", "jz-d01-gov", null, "estate-surge", null, Duration.ofHours(2), "已知事项，正在处置");

        Instant inside = now.plus(Duration.ofMinutes(90));
        assertThat(board.dueEscalations(inside, 1, access)).extracting(d -> d.tracked().id()).containsExactly("w8");
        assertThat(board.dueEscalations(now.plus(Duration.ofHours(3)), 1, access))
                .extracting(d -> d.tracked().id()).containsExactlyInAnyOrder("w7", "w8");
        assertThatThrownBy(() -> desk.silence("jz-d01-gov", "jz-d01-gov", "jz-d02-gov", null, null,
                Duration.ofHours(1), "不是本单位")).satisfies(e -> assertThat(((DutyDesk.Refused) e).status()).isEqualTo(403));
        assertThatThrownBy(() -> desk.silence("jz-d01-gov", "jz-d01-gov", null, null, null, Duration.ofDays(30), "太长"))
                .satisfies(e -> assertThat(((DutyDesk.Refused) e).status()).isEqualTo(400));
    }

    @Test
    void aResolvedWarningTakesNoMoreAcknowledgementOrEscalation() {
        board.onWarning(surge("w9", List.of("jz-d01-gov")), received());
        assertThatThrownBy(() -> desk.resolve("jz-d01-gov", "jz-d01-gov", "w9", " "))
                .satisfies(e -> assertThat(((DutyDesk.Refused) e).status()).isEqualTo(400));
        desk.resolve("jz-d01-gov", "jz-d01-gov", "w9", "已约谈开发商，承诺月底交房");
        assertThat(board.get("w9").orElseThrow().state()).isEqualTo("resolved");
        assertThatThrownBy(() -> desk.acknowledge("jz-d01-gov", "jz-d01-gov", "w9"))
                .satisfies(e -> assertThat(((DutyDesk.Refused) e).status()).isEqualTo(409));
        assertThat(board.dueEscalations(received().plus(Duration.ofDays(1)), 1, access)).isEmpty();
    }

    @Test
    void phoneAndIdNumbersInAnOfficersNoteAreMaskedBeforeTheAuditTopic() {
        board.onWarning(surge("w12", List.of("jz-d01-gov")), received());
        WarningAction a = desk.note("jz-d01-gov", "jz-d01-gov", "w12", "已回电 13812345678，身份证 110101199003071234 已核实");
        assertThat(a.note()).doesNotContain("13812345678").doesNotContain("110101199003071234")
                .contains("[电话]").contains("[身份证号]");
    }

    @Test
    void actionsReadBeforeTheirWarningApplyWhenItArrivesAndOnlyOnce() {
        WarningAction ack = new WarningAction("a1", WarningAction.ACKNOWLEDGE, "w10", 1, "estate-surge", "s",
                "jz-d01-gov", "jz-d01-gov", null, null, null, List.of(), null, now);
        assertThat(board.onAction(ack)).isFalse();
        board.onWarning(surge("w10", List.of("jz-d01-gov")), received());
        assertThat(board.get("w10").orElseThrow().acknowledged()).isTrue();
        assertThat(board.onAction(ack)).as("replayed from the topic").isFalse();
        assertThat(board.get("w10").orElseThrow().history()).hasSize(1);
    }

    @Test
    void laterVersionsTellTheUnitsAgainOnlyWhenTheSeverityRises() {
        assertThat(board.onWarning(warning("w11", 1, Severity.YELLOW, List.of("jz-d01-gov"), "jz-gov", List.of(), "t"),
                received()).orElseThrow().tellUnits()).isTrue();
        assertThat(board.onWarning(warning("w11", 2, Severity.YELLOW, List.of("jz-d01-gov"), "jz-gov", List.of(), "t"),
                received()).orElseThrow().tellUnits()).isFalse();
        assertThat(board.onWarning(warning("w11", 3, Severity.RED, List.of("jz-d01-gov"), "jz-gov", List.of(), "t"),
                received()).orElseThrow().tellUnits()).isTrue();
        assertThat(board.onWarning(warning("w11", 2, Severity.YELLOW, List.of("jz-d01-gov"), "jz-gov", List.of(), "t"),
                received())).as("an older version read late").isEmpty();
        assertThat(board.get("w11").orElseThrow().warning().version()).isEqualTo(3);
    }

    private static WarningAction escalate(String id, int step, List<String> units, Instant at) {
        return new WarningAction("escalate:" + id + ":" + step, WarningAction.ESCALATE, id, 1, "estate-surge", "s",
                WarningAction.SYSTEM, WarningAction.SYSTEM, null, null, step, units, null, at);
    }
}

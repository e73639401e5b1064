package io.earlywarning.gateway.board;

import io.earlywarning.gateway.access.UnitAccess;
import io.earlywarning.privacy.PersonalDataMasker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a duty officer may do (签收, 指派, 办结, 备注, 静默), checked against the board and the unit's access. Each
 * accepted request becomes a {@link WarningAction} handed to {@code record} (which puts it on the audit topic and
 * the board); a refused one throws {@link Refused} with the reason in Chinese for the console.
 */
public final class DutyDesk {

    /** Longest silence a unit may set: silences are for a known noisy matter, not for switching a unit off. */
    public static final Duration LONGEST_SILENCE = Duration.ofDays(7);
    private static final int LONGEST_NOTE = 2000;

    /** A refused request: {@code status} is the HTTP status the API answers with. */
    public static final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final WarningBoard board;
    private final Supplier<UnitAccess> access;
    private final Clock clock;
    private final Consumer<WarningAction> record;

    public DutyDesk(WarningBoard board, Supplier<UnitAccess> access, Clock clock, Consumer<WarningAction> record) {
        this.board = board;
        this.access = access;
        this.clock = clock;
        this.record = record;
    }

    /** The warning, if this unit may see it; 404 when it does not exist, 403 when it is another unit's. */
    public TrackedWarning visible(String unit, String warningId) {
        TrackedWarning t = board.get(warningId).orElseThrow(() -> new Refused(404, "预警不存在：" + warningId));
        if (!access.get().canSee(unit, t)) {
            throw new Refused(403, "无权查看其他单位的预警");
        }
        return t;
    }

    public WarningAction acknowledge(String unit, String actor, String warningId) {
        TrackedWarning t = open(unit, warningId);
        if (t.acknowledgements().stream().anyMatch(a -> a.unit().equals(unit))) {
            throw new Refused(409, "本单位已签收");
        }
        return take(WarningAction.ACKNOWLEDGE, t, unit, actor, null, null);
    }

    public WarningAction assign(String unit, String actor, String warningId, String assignee) {
        TrackedWarning t = open(unit, warningId);
        if (assignee == null || assignee.isBlank()) {
            throw new Refused(400, "请填写承办人");
        }
        return take(WarningAction.ASSIGN, t, unit, actor, clip(assignee.strip(), 100), null);
    }

    public WarningAction resolve(String unit, String actor, String warningId, String note) {
        TrackedWarning t = open(unit, warningId);
        if (note == null || note.isBlank()) {
            throw new Refused(400, "办结须填写办理情况");
        }
        return take(WarningAction.RESOLVE, t, unit, actor, null, clip(note.strip(), LONGEST_NOTE));
    }

    public WarningAction note(String unit, String actor, String warningId, String note) {
        TrackedWarning t = visible(unit, warningId);
        if (note == null || note.isBlank()) {
            throw new Refused(400, "备注为空");
        }
        return take(WarningAction.NOTE, t, unit, actor, null, clip(note.strip(), LONGEST_NOTE));
    }

    /** A silence for {@code scopeUnit} (the unit itself or one under it), lasting {@code length} from now. */
    public WarningAction silence(String unit, String actor, String scopeUnit, String ruleId, String subject,
                                 Duration length, String reason) {
        String scope = scopeUnit == null || scopeUnit.isBlank() ? unit : scopeUnit;
        if (!access.get().governs(unit, scope)) {
            throw new Refused(403, "只能静默本单位及下级单位的预警");
        }
        if (length == null || length.isNegative() || length.isZero() || length.compareTo(LONGEST_SILENCE) > 0) {
            throw new Refused(400, "静默时长须在 7 天以内");
        }
        if (reason == null || reason.isBlank()) {
            throw new Refused(400, "请填写静默原因");
        }
        Instant now = clock.instant();
        Silence s = new Silence(UUID.randomUUID().toString(), scope, blankToNull(ruleId), blankToNull(subject), now,
                now.plus(length), clip(reason.strip(), 500), actor);
        WarningAction a = new WarningAction(UUID.randomUUID().toString(), WarningAction.SILENCE, null, null,
                s.ruleId(), s.subject(), unit, actor, null, s.reason(), null, List.of(), s, now);
        record.accept(a);
        return a;
    }

    public WarningAction unsilence(String unit, String actor, String silenceId) {
        Silence s = board.silence(silenceId).orElseThrow(() -> new Refused(404, "静默不存在"));
        if (!access.get().governs(unit, s.unit())) {
            throw new Refused(403, "无权解除其他单位的静默");
        }
        WarningAction a = new WarningAction(UUID.randomUUID().toString(), WarningAction.UNSILENCE, null, null,
                s.ruleId(), s.subject(), unit, actor, null, null, null, List.of(), s, clock.instant());
        record.accept(a);
        return a;
    }

    /** The silences a unit may see: its own and its subordinates'. */
    public List<Silence> silences(String unit) {
        return board.silences().stream().filter(s -> access.get().governs(unit, s.unit())).toList();
    }

    private TrackedWarning open(String unit, String warningId) {
        TrackedWarning t = visible(unit, warningId);
        if (t.resolved()) {
            throw new Refused(409, "预警已办结");
        }
        return t;
    }

    private WarningAction take(String type, TrackedWarning t, String unit, String actor, String assignee, String note) {
        WarningAction a = new WarningAction(UUID.randomUUID().toString(), type, t.id(), t.warning().version(),
                t.warning().ruleId(), t.warning().subject(), unit, actor, assignee, note, null, List.of(), null,
                clock.instant());
        record.accept(a);
        return a;
    }

    /**
     * Officers' free text goes to the audit topic, a derived topic: phone and ID numbers in it are masked as intake
     * masks them, so that a note like 已回电 13812345678 does not carry a petitioner's number downstream.
     */
    private static String clip(String s, int max) {
        String masked = MASKER.mask(s);
        return masked.length() <= max ? masked : masked.substring(0, max);
    }

    private static final PersonalDataMasker MASKER = new PersonalDataMasker();

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package io.earlywarning.gateway.board;

import io.earlywarning.warning.Warning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A warning as the duty officers handle it: its latest version and what has been done about it. Immutable; the
 * board replaces it on every change.
 *
 * @param receivedAt      when the pipeline published its first version (the broker's append time): deadlines run
 *                        from here, so a warning read back after a gateway restart keeps its deadlines
 * @param acknowledgements who signed for it (签收), first first
 * @param escalatedSteps  indexes of the escalation steps already taken
 * @param escalatedUnits  the units escalation told
 * @param history         every action on it, oldest first
 */
public record TrackedWarning(Warning warning, Instant receivedAt, List<Acknowledgement> acknowledgements,
                             String assignee, Resolution resolution, List<Integer> escalatedSteps,
                             List<String> escalatedUnits, List<WarningAction> history) {

    public record Acknowledgement(String unit, String actor, Instant at) {
    }

    public record Resolution(String unit, String actor, String note, Instant at) {
    }

    public TrackedWarning {
        acknowledgements = List.copyOf(acknowledgements);
        escalatedSteps = List.copyOf(escalatedSteps);
        escalatedUnits = List.copyOf(escalatedUnits);
        history = List.copyOf(history);
    }

    static TrackedWarning first(Warning w, Instant receivedAt) {
        return new TrackedWarning(w, receivedAt, List.of(), null, null, List.of(), List.of(), List.of());
    }

    public String id() {
        return warning.warningId();
    }

    public boolean acknowledged() {
        return !acknowledgements.isEmpty();
    }

    public boolean resolved() {
        return resolution != null;
    }

    /** {@code resolved}, {@code acknowledged}, or {@code open}: the state a duty officer filters on. */
    public String state() {
        return resolved() ? "resolved" : acknowledged() ? "acknowledged" : "open";
    }

    /**
     * When the acknowledgement is due, in the gateway's clock: the rule's deadline (acknowledgeBy − triggeredAt, as
     * the latest version has it) counted from {@link #receivedAt}, divided by {@code timeScale} (1 in production).
     */
    public Instant acknowledgeDeadline(double timeScale) {
        return after(warning.acknowledgeBy() == null ? Duration.ZERO
                : Duration.between(warning.triggeredAt(), warning.acknowledgeBy()), timeScale);
    }

    /** When escalation step {@code i} is due, in the gateway's clock. */
    public Instant escalationDue(int i, double timeScale) {
        return after(Duration.between(warning.triggeredAt(), warning.escalation().get(i).at()), timeScale);
    }

    private Instant after(Duration d, double timeScale) {
        return receivedAt.plusMillis(Math.max(0, Math.round(d.toMillis() / timeScale)));
    }

    TrackedWarning with(Warning w) {
        return new TrackedWarning(w, receivedAt, acknowledgements, assignee, resolution, escalatedSteps, escalatedUnits, history);
    }
}

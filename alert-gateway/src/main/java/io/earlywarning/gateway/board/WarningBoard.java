package io.earlywarning.gateway.board;

import io.earlywarning.gateway.access.UnitAccess;
import io.earlywarning.warning.Warning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The warnings as the duty officers see them (值班台): the latest version of each, and every action taken on it,
 * rebuilt from topics {@code warnings} and {@code warnings.actions} when the gateway starts. Pure and thread-safe:
 * the Kafka loop feeds it, the console reads it.
 */
public final class WarningBoard {

    /** What a new warning version changed: whether its units should be told again. */
    public record Change(TrackedWarning tracked, boolean tellUnits) {
    }

    private final Map<String, TrackedWarning> warnings = new LinkedHashMap<>();
    private final Map<String, List<WarningAction>> early = new HashMap<>();
    private final Set<String> applied = new HashSet<>();
    private final Map<String, Silence> silences = new LinkedHashMap<>();

    /**
     * A warning version from the topic. Older or repeated versions change nothing. Units are told on the first
     * version and when a later one raises the severity; more evidence alone shows in the console.
     */
    public synchronized Optional<Change> onWarning(Warning w, Instant receivedAt) {
        TrackedWarning known = warnings.get(w.warningId());
        if (known != null && known.warning().version() >= w.version()) {
            return Optional.empty();
        }
        boolean notify = known == null ? w.version() == 1 || !"subsided".equals(w.status())
                : w.severity().ordinal() > known.warning().severity().ordinal();
        TrackedWarning t = known == null ? TrackedWarning.first(w, receivedAt) : known.with(w);
        warnings.put(w.warningId(), t);
        // Actions read before their warning (the two topics are read side by side) apply now.
        for (WarningAction a : early.getOrDefault(w.warningId(), List.of())) {
            applied.remove(a.actionId());
            onAction(a);
        }
        early.remove(w.warningId());
        return Optional.of(new Change(warnings.get(w.warningId()), notify));
    }

    /** An action from the audit topic (or just taken). Applied once per action id; returns whether it changed anything. */
    public synchronized boolean onAction(WarningAction a) {
        if (!applied.add(a.actionId())) {
            return false;
        }
        switch (a.type()) {
            case WarningAction.SILENCE -> {
                silences.put(a.silence().silenceId(), a.silence());
                return true;
            }
            case WarningAction.UNSILENCE -> {
                Silence s = silences.get(a.silence().silenceId());
                if (s != null) {
                    silences.put(s.silenceId(), new Silence(s.silenceId(), s.unit(), s.ruleId(), s.subject(), s.from(),
                            a.at().isBefore(s.until()) ? a.at() : s.until(), s.reason(), s.createdBy()));
                }
                return true;
            }
            default -> {
            }
        }
        TrackedWarning t = warnings.get(a.warningId());
        if (t == null) {
            early.computeIfAbsent(a.warningId(), k -> new ArrayList<>()).add(a);
            return false;
        }
        List<WarningAction> history = new ArrayList<>(t.history());
        history.add(a);
        List<TrackedWarning.Acknowledgement> acks = new ArrayList<>(t.acknowledgements());
        String assignee = t.assignee();
        TrackedWarning.Resolution resolution = t.resolution();
        List<Integer> steps = new ArrayList<>(t.escalatedSteps());
        List<String> escalated = new ArrayList<>(t.escalatedUnits());
        switch (a.type()) {
            case WarningAction.ACKNOWLEDGE -> acks.add(new TrackedWarning.Acknowledgement(a.unit(), a.actor(), a.at()));
            case WarningAction.ASSIGN -> assignee = a.assignee();
            case WarningAction.RESOLVE -> resolution = new TrackedWarning.Resolution(a.unit(), a.actor(), a.note(), a.at());
            case WarningAction.ESCALATE -> {
                steps.add(a.escalationStep());
                a.notifiedUnits().stream().filter(u -> !escalated.contains(u)).forEach(escalated::add);
            }
            default -> {
            }
        }
        warnings.put(t.id(), new TrackedWarning(t.warning(), t.receivedAt(), acks, assignee, resolution, steps,
                escalated, history));
        return true;
    }

    public synchronized Optional<TrackedWarning> get(String warningId) {
        return Optional.ofNullable(warnings.get(warningId));
    }

    /** Every warning, newest first. */
    public synchronized List<TrackedWarning> all() {
        List<TrackedWarning> list = new ArrayList<>(warnings.values());
        list.sort(Comparator.comparing(TrackedWarning::receivedAt).reversed().thenComparing(TrackedWarning::id));
        return list;
    }

    public synchronized List<Silence> silences() {
        return List.copyOf(silences.values());
    }

    public synchronized Optional<Silence> silence(String silenceId) {
        return Optional.ofNullable(silences.get(silenceId));
    }

    /** The silence that holds this warning at {@code now}, if any. */
    public synchronized Optional<Silence> silencing(TrackedWarning t, Instant now, UnitAccess access) {
        for (Silence s : silences.values()) {
            if (s.activeAt(now) && (s.ruleId() == null || s.ruleId().equals(t.warning().ruleId()))
                    && (s.subject() == null || s.subject().equals(t.warning().subject()))
                    && UnitAccess.recipients(t).stream().anyMatch(r -> access.governs(s.unit(), r))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** An escalation step that is due: who is told (the step's units, and again the warning's own). */
    public record DueEscalation(TrackedWarning tracked, int step, List<String> units) {
    }

    /**
     * Escalation steps due at {@code now} (逐级提级): for every warning neither acknowledged nor resolved nor silenced,
     * each step whose time has come and that has not been taken. Steps are taken in order.
     */
    public synchronized List<DueEscalation> dueEscalations(Instant now, double timeScale, UnitAccess access) {
        List<DueEscalation> due = new ArrayList<>();
        for (TrackedWarning t : warnings.values()) {
            if (t.acknowledged() || t.resolved() || "subsided".equals(t.warning().status())
                    || silencing(t, now, access).isPresent()) {
                continue;
            }
            List<Warning.Escalation> steps = t.warning().escalation() == null ? List.of() : t.warning().escalation();
            for (int i = 0; i < steps.size(); i++) {
                if (t.escalatedSteps().contains(i)) {
                    continue;
                }
                if (now.isBefore(t.escalationDue(i, timeScale))) {
                    break;
                }
                due.add(new DueEscalation(t, i, steps.get(i).units().stream().map(u -> u.id()).toList()));
                break;
            }
        }
        return due;
    }
}

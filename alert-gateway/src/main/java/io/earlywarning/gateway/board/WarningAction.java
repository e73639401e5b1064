package io.earlywarning.gateway.board;

import java.time.Instant;
import java.util.List;

/**
 * One action on a warning, as recorded on the audit topic {@code warnings.actions} (处置留痕): by a duty officer
 * through the console or {@code /api/}, or by the gateway itself (an escalation). Key on the topic: the warning id,
 * or {@code silence:<id>} for a silence.
 *
 * @param actionId       unique; replaying the topic applies each action once
 * @param type           {@code acknowledge} (签收), {@code assign} (指派), {@code resolve} (办结), {@code note}
 *                       (备注), {@code escalate} (提级, by the gateway), {@code silence}, {@code unsilence}
 * @param warningVersion the version the officer saw when acting
 * @param ruleId         the warning's rule, so that the stream can find the warning's subject without a lookup
 * @param subject        the warning's subject
 * @param unit           the unit that acted (or the gateway: {@code system})
 * @param actor          who, as they signed in (a unit log-in)
 * @param assignee       for {@code assign}: to whom, as written
 * @param note           free text; shown as text, never as markup
 * @param escalationStep for {@code escalate}: the index of the escalation step
 * @param notifiedUnits  for {@code escalate}: the units told
 * @param silence        for {@code silence} and {@code unsilence}
 */
public record WarningAction(String actionId, String type, String warningId, Integer warningVersion, String ruleId,
                            String subject, String unit, String actor, String assignee, String note,
                            Integer escalationStep, List<String> notifiedUnits, Silence silence, Instant at) {

    public static final String ACKNOWLEDGE = "acknowledge";
    public static final String ASSIGN = "assign";
    public static final String RESOLVE = "resolve";
    public static final String NOTE = "note";
    public static final String ESCALATE = "escalate";
    public static final String SILENCE = "silence";
    public static final String UNSILENCE = "unsilence";
    public static final String SYSTEM = "system";

    public WarningAction {
        notifiedUnits = notifiedUnits == null ? List.of() : List.copyOf(notifiedUnits);
    }

    /** Key on {@code warnings.actions}. */
    public String topicKey() {
        return silence != null ? "silence:" + silence.silenceId() : warningId;
    }
}

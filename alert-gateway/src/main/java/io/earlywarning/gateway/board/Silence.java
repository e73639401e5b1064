package io.earlywarning.gateway.board;

import java.time.Instant;

/**
 * A time-bounded silence (静默): while it lasts, warnings it matches are neither delivered to channels nor escalated;
 * the console still shows them, marked. Every field given must match; a silence always names a unit, the one that set
 * it or one under it, so that no unit can silence another's warnings.
 *
 * @param unit    warnings that go to this unit (or to one under it)
 * @param ruleId  only warnings of this rule, or null for any
 * @param subject only warnings on this subject ({@code surge:estate:旭辉紫金苑}), or null for any
 */
public record Silence(String silenceId, String unit, String ruleId, String subject, Instant from, Instant until,
                      String reason, String createdBy) {

    public boolean activeAt(Instant t) {
        return !t.isBefore(from) && t.isBefore(until);
    }
}

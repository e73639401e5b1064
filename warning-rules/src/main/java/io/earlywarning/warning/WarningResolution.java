package io.earlywarning.warning;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * 办结: a duty officer resolved a warning. Read from the gateway's audit topic {@code warnings.actions}, so that the
 * stream closes the warning: a last version with status {@code resolved}, and the next signal about the same subject
 * (other than the resolved matter's own signal growing) raises a new warning instead of reopening this one.
 *
 * @param unit the unit that resolved it
 * @param at   when the officer resolved it
 */
public record WarningResolution(String warningId, String ruleId, String subject, String unit, OffsetDateTime at) {

    /** The resolution an audit record describes; empty for every other action (acknowledge, assign, note, …). */
    public static Optional<WarningResolution> fromAction(JsonNode action) {
        if (action == null || !"resolve".equals(action.path("type").asText())) {
            return Optional.empty();
        }
        String warningId = text(action, "warningId");
        String ruleId = text(action, "ruleId");
        String subject = text(action, "subject");
        JsonNode at = action.path("at");
        if (warningId == null || ruleId == null || subject == null || at.isMissingNode() || at.isNull()) {
            throw new IllegalArgumentException("a resolve action needs warningId, ruleId, subject and at: " + action);
        }
        Instant when = at.isNumber() ? Instant.ofEpochMilli((long) (at.asDouble() * 1000)) : Instant.parse(at.asText());
        return Optional.of(new WarningResolution(warningId, ruleId, subject, text(action, "unit"),
                when.atOffset(ZoneOffset.UTC)));
    }

    private static String text(JsonNode j, String field) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

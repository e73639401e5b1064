package io.earlywarning.intake;

import com.fasterxml.jackson.databind.JsonNode;

/** An intake record that passed validation: its format and its JSON, not yet normalized. */
public record SourceRecord(IntakeFormat format, JsonNode json) {

    public String sourceId() {
        return json.path(format.idField()).asText();
    }
}

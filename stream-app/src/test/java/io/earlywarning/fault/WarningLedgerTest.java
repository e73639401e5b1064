package io.earlywarning.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.topology.JsonSerde;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarningLedgerTest {

    private static JsonNode warning(String id, int version, String status) throws Exception {
        return JsonSerde.MAPPER.readTree("{\"warningId\":\"" + id + "\",\"version\":" + version + ",\"status\":\"" + status
                + "\",\"severity\":\"orange\",\"units\":[{\"id\":\"jz-d01-gov\"}],\"evidence\":{\"caseIds\":[\"a\"]}}");
    }

    @Test
    void aVersionPublishedTwiceOrSkippedIsADefect() throws Exception {
        WarningLedger ledger = new WarningLedger();
        ledger.add(warning("w1", 1, "open"));
        ledger.add(warning("w1", 1, "open"));
        ledger.add(warning("w2", 1, "open"));
        ledger.add(warning("w2", 3, "update"));
        assertThat(ledger.defects()).containsExactly("w1 v1 published 2 times", "w2 v2 never published");
        assertThat(ledger.versions()).isEqualTo(4);
    }

    @Test
    void finalVersionsAreComparedWarningByWarning() throws Exception {
        WarningLedger reference = new WarningLedger();
        reference.add(warning("w1", 1, "open"));
        reference.add(warning("w1", 2, "subsided"));
        reference.add(warning("w2", 1, "open"));
        WarningLedger run = new WarningLedger();
        run.add(warning("w1", 1, "open"));
        run.add(warning("w3", 1, "open"));
        assertThat(run.differencesFrom(reference)).hasSize(3)
                .anyMatch(d -> d.startsWith("w1: Final[version=1"))
                .contains("missing w2", "extra w3");
        assertThat(reference.differencesFrom(reference)).isEmpty();
    }
}

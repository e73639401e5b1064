package io.earlywarning.cluster;

import io.earlywarning.domain.Case;

import java.time.OffsetDateTime;

/**
 * What the clustering stage reads of a case: its id, event time, place, category and words. Only {@code caseId}
 * and {@code text} are required; unknown fields are {@code null} and then weigh nothing.
 */
public record ClusterCase(String caseId, OffsetDateTime receivedAt, String district, String town, String estate,
                          String estateKey, String category, String subject, String text, String accusedUnit) {

    public static ClusterCase of(Case c) {
        return new ClusterCase(c.caseId(), c.receivedAt(), c.district(), c.town(), c.estate(), c.estateKey(),
                c.category(), c.subject(), c.text(), c.accusedUnit());
    }
}

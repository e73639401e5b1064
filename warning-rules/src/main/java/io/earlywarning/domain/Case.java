package io.earlywarning.domain;

import java.time.OffsetDateTime;

/**
 * One normalized complaint case (信访事项) on topic {@code cases}, whatever channel it came by.
 *
 * <p>Carries no personal data: the petitioner is only a keyed pseudonym, and phone and ID numbers inside the
 * text are masked. Fields that intake could not determine are {@code null}: unknown stays unknown.
 *
 * @param caseId         {@code <channel>:<source id>}, e.g. {@code online:289950}
 * @param channel        channel id ({@code letters-visits}, {@code hotline}, {@code online})
 * @param receivedAt     when the office received it (event time), with its offset
 * @param district       county or district (区/县), or null
 * @param town           town or street (镇/街道), or null
 * @param estate         property development (楼盘/小区) as first written or as the gazetteer names it, or null
 * @param estateKey      the normalized key that all spellings of one estate share, or null
 * @param category       first-level category label (城乡建设 …), or null
 * @param categorySource {@code source} when the source system chose it, {@code inferred} when intake did
 * @param sector         sector code of {@code category} ({@code housing} …), or null
 * @param subject        short title (the operator's summary line, the web form title), or null
 * @param text           full request text, personal numbers masked
 * @param petitionerKey  keyed hash linking one petitioner across channels without naming them
 * @param headcount      number of people (a visit of five or more is a collective visit, 集体访)
 * @param collective     whether this is a collective petition (集体访)
 * @param accusedUnit    the unit the petition accuses (被反映单位), or null
 */
public record Case(
        String caseId,
        String channel,
        OffsetDateTime receivedAt,
        String district,
        String town,
        String estate,
        String estateKey,
        String category,
        String categorySource,
        String sector,
        String subject,
        String text,
        String petitionerKey,
        int headcount,
        boolean collective,
        String accusedUnit) {

    /** Headcount from which a visit counts as collective (集体访), as petition regulations define it. */
    public static final int COLLECTIVE_HEADCOUNT = 5;

    /** This case with its estate as the registry names it (the canonical writing and key of a typo). */
    public Case withEstate(String name, String key) {
        return new Case(caseId, channel, receivedAt, district, town, name, key, category, categorySource, sector,
                subject, text, petitionerKey, headcount, collective, accusedUnit);
    }

    /**
     * This case without its subject and text: what the counting stages (surges, repeats) need, so that a case sent to
     * three surge keys does not carry its words three times through the repartition topics.
     */
    public Case withoutWords() {
        return new Case(caseId, channel, receivedAt, district, town, estate, estateKey, category, categorySource, sector,
                null, null, petitionerKey, headcount, collective, accusedUnit);
    }

    /** When the case was received, in epoch milliseconds (its event time); null when intake left it unknown. */
    public Long eventTimeMs() {
        return receivedAt == null ? null : receivedAt.toInstant().toEpochMilli();
    }

    /** The source system's own id: the part of {@link #caseId} after the first colon. */
    public String sourceId() {
        return caseId.substring(caseId.indexOf(':') + 1);
    }
}

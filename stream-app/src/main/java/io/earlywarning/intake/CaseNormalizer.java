package io.earlywarning.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.category.CategoryClassifier;
import io.earlywarning.domain.Case;
import io.earlywarning.routing.AccusedUnitMention;
import io.earlywarning.domain.Category;
import io.earlywarning.place.Place;
import io.earlywarning.place.PlaceResolver;
import io.earlywarning.privacy.PersonalDataMasker;
import io.earlywarning.privacy.PetitionerPseudonymizer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Turns a validated source record of any channel into one {@link Case}: the one case schema, places resolved,
 * category chosen by the source or inferred, and the petitioner pseudonymized. Name, phone and ID number are
 * read here and nowhere after. Pure: no Kafka.
 */
public final class CaseNormalizer {

    /** Values of {@link Case#categorySource()}. */
    public static final String CATEGORY_FROM_SOURCE = "source";
    public static final String CATEGORY_INFERRED = "inferred";

    private final PlaceResolver places;
    private final CategoryClassifier categories;
    private final PetitionerPseudonymizer pseudonymizer;
    private final PersonalDataMasker masker = new PersonalDataMasker();

    public CaseNormalizer(PlaceResolver places, CategoryClassifier categories, PetitionerPseudonymizer pseudonymizer) {
        this.places = places;
        this.categories = categories;
        this.pseudonymizer = pseudonymizer;
    }

    public Case normalize(SourceRecord record) {
        JsonNode j = record.json();
        return switch (record.format()) {
            case LETTERS_VISITS -> {
                JsonNode p = j.path("petitioner");
                String name = text(p, "name");
                String request = masker.mask(text(j, "request"), List.of(name));
                String address = masker.mask(text(j, "address"), List.of(name));
                int headcount = j.path("headcount").asInt(1);
                yield build(record, time(j, "receivedAt"), null, address, null, request, null,
                        pseudonymizer.petitionerKey(text(p, "phone"), text(p, "idNumber"), null, channel(record)),
                        headcount, text(j, "accusedUnit"));
            }
            case HOTLINE -> build(record, time(j, "callTime"), text(j, "district"), null, null,
                    masker.mask(text(j, "summary")), text(j, "category"),
                    pseudonymizer.petitionerKey(text(j, "callerNumber"), null, null, channel(record)), 1, null);
            case ONLINE -> build(record, time(j, "postedAt"), null, masker.mask(text(j, "location")),
                    masker.mask(text(j, "subject")), masker.mask(text(j, "body")), null,
                    pseudonymizer.petitionerKey(text(j, "mobile"), null, text(j, "userId"), channel(record)), 1, null);
            case A_CITY_MESSAGES -> build(record, time(j, "postedAt"), null, null,
                    masker.mask(text(j, "subject")), masker.mask(text(j, "body")), null,
                    pseudonymizer.petitionerKey(null, null, text(j, "userId"), channel(record)), 1, null);
        };
    }

    private Case build(SourceRecord record, OffsetDateTime receivedAt, String districtField, String address,
                       String subject, String text, String sourceCategory, String petitionerKey, int headcount,
                       String accusedUnit) {
        Place place = places.resolve(districtField, address, subject, text);
        Optional<Category> fromSource = Category.fromLabel(sourceCategory);
        Category category = fromSource.or(() -> categories.classify(subject, text)
                .map(CategoryClassifier.Prediction::category)).orElse(null);
        String categorySource = category == null ? null
                : fromSource.isPresent() ? CATEGORY_FROM_SOURCE : CATEGORY_INFERRED;
        return new Case(
                channel(record) + ":" + pseudonymizer.sourceId(channel(record), record.sourceId()),
                record.format().channel().id(),
                receivedAt,
                place.district(),
                place.town(),
                place.estate(),
                place.estateKey(),
                category == null ? null : category.label(),
                categorySource,
                category == null ? null : category.sector(),
                subject,
                text,
                petitionerKey,
                headcount,
                headcount >= Case.COLLECTIVE_HEADCOUNT,
                accusedUnit(accusedUnit, subject, text));
    }

    /** The unit the source names as accused, else the public body the subject or text accuses (举报人保护). */
    private static String accusedUnit(String fromSource, String subject, String text) {
        if (fromSource != null && !fromSource.isBlank()) {
            return fromSource.strip();
        }
        return AccusedUnitMention.find(subject).or(() -> AccusedUnitMention.find(text)).orElse(null);
    }

    private static String channel(SourceRecord record) {
        return record.format().channel().id();
    }

    private static OffsetDateTime time(JsonNode j, String field) {
        return OffsetDateTime.parse(j.path(field).asText());
    }

    private static String text(JsonNode j, String field) {
        JsonNode n = j.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}

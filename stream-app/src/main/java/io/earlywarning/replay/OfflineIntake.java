package io.earlywarning.replay;

import io.earlywarning.domain.Case;
import io.earlywarning.intake.CaseNormalizer;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.intake.RejectedRecordException;
import io.earlywarning.intake.SourceRecordReader;
import io.earlywarning.place.EstateNameRegistry;
import io.earlywarning.place.PlaceResolver;
import io.earlywarning.topology.Topics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Intake without Kafka, for offline runs over a recorded stream (benchmarks, backtests): the same reader,
 * normalizer and estate-name registry as the topology, duplicates of a source id dropped, records in the order
 * given. Rejected records are counted, not lost silently.
 */
public final class OfflineIntake {

    private final SourceRecordReader reader = new SourceRecordReader(1 << 20);
    private final CaseNormalizer normalizer;
    private final PlaceResolver places;
    private final EstateNameRegistry.Memory estates = EstateNameRegistry.inMemory();
    private final Set<String> seen = new HashSet<>();
    private int rejected;

    public OfflineIntake(CaseNormalizer normalizer, PlaceResolver places) {
        this.normalizer = normalizer;
        this.places = places;
    }

    /** Offline intake with the gazetteer, classifier and pseudonym key of {@code config}, as the topology builds them. */
    public static OfflineIntake of(io.earlywarning.app.AppConfig config) {
        PlaceResolver places = new PlaceResolver(io.earlywarning.place.Gazetteer.load(config.gazetteer()));
        return new OfflineIntake(new CaseNormalizer(places, io.earlywarning.category.CategoryClassifier.bundled(),
                new io.earlywarning.privacy.PetitionerPseudonymizer(config.pseudonymKey())), places);
    }

    public List<Case> normalize(List<ReplayRecord> records) {
        List<Case> cases = new ArrayList<>(records.size());
        for (ReplayRecord r : records) {
            IntakeFormat format = Topics.formatOf(r.topic()).orElseThrow();
            Case c;
            try {
                c = normalizer.normalize(reader.read(r.value(), format));
            } catch (RejectedRecordException e) {
                rejected++;
                continue;
            }
            if (!seen.add(c.caseId())) {
                continue;
            }
            if (c.estateKey() != null && !places.isListed(c.estateKey())) {
                EstateNameRegistry.KnownEstate known = EstateNameRegistry.resolve(c.estateKey(), c.estate(), estates);
                c = c.withEstate(known.name(), known.key());
            }
            cases.add(c);
        }
        return cases;
    }

    public int rejected() {
        return rejected;
    }
}

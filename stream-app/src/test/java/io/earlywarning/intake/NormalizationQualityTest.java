package io.earlywarning.intake;

import io.earlywarning.bench.NormalizationQuality;
import io.earlywarning.category.CategoryClassifier;
import io.earlywarning.generator.DemoStreamGenerator;
import io.earlywarning.place.Gazetteer;
import io.earlywarning.place.PlaceResolver;
import io.earlywarning.privacy.PetitionerPseudonymizer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizationQualityTest {

    @Test
    void placesAndCategoriesOfTheGeneratedStreamAreRecovered() {
        var stream = new DemoStreamGenerator(Gazetteer.load(Gazetteer.DEMO_CITY)).generate(7, 14, DemoStreamGenerator.DEFAULT_START, 80);
        var normalizer = new CaseNormalizer(new PlaceResolver(Gazetteer.load("demo-city,a-city")),
                CategoryClassifier.bundled(), new PetitionerPseudonymizer("quality-test-key-0123456789"));
        Map<String, NormalizationQuality.Score> scores = NormalizationQuality.measure(stream, normalizer);
        assertThat(scores.get("district").accuracy()).as("district").isGreaterThan(0.99);
        assertThat(scores.get("estate").accuracy()).as("estate").isGreaterThan(0.95);
        assertThat(scores.get("town").accuracy()).as("town").isGreaterThan(0.95);
        assertThat(scores.get("category (inferred)").accuracy()).as("inferred category").isGreaterThan(0.7);
        // Never a wrong district: unknown is acceptable, a wrong place is not.
        assertThat(scores.get("district").wrongValue()).isZero();
    }
}

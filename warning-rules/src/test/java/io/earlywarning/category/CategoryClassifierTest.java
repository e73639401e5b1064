package io.earlywarning.category;

import io.earlywarning.domain.Category;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryClassifierTest {

    private static final CategoryClassifier CLASSIFIER = CategoryClassifier.bundled();

    @Test
    void wageArrearsIsLabourAndSocialSecurity() {
        assertThat(CLASSIFIER.classify("拖欠农民工工资", "包工头拖欠我们八个月工资，讨薪无门").orElseThrow().category())
                .isEqualTo(Category.LABOUR_SOCIAL_SECURITY);
    }

    @Test
    void categoriesMissingFromTheLabelledDataAreLearnedFromTheLexicon() {
        assertThat(CLASSIFIER.classify("征地补偿款不到位", "村里土地被征收两年，征地补偿款至今没有发放").orElseThrow().category())
                .isEqualTo(Category.NATURAL_RESOURCES);
        assertThat(CLASSIFIER.classify("低保资格被取消", "家中有重病患者，低保被取消").orElseThrow().category())
                .isEqualTo(Category.CIVIL_AFFAIRS);
    }

    @Test
    void crossValidatedAccuracyDoesNotRegress() {
        // Measured 0.834 (BENCHMARKS.md); the goal of 0.85 is not reached yet. This floor catches regressions.
        CrossValidation.Result r = CrossValidation.run(CategoryClassifier.bundledExamples(),
                CategoryClassifier.bundledLexicon(), 5, 7);
        assertThat(r.examples()).isEqualTo(494);
        assertThat(r.accuracy()).isGreaterThan(0.80);
    }
}

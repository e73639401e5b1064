package io.earlywarning.category;

import io.earlywarning.domain.Category;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stratified k-fold cross-validation of the {@link CategoryClassifier}: each fold is predicted by a model that
 * never saw it. Deterministic for a seed.
 */
public final class CrossValidation {

    /** Accuracy of each fold and over all examples. */
    public record Result(int folds, int examples, int correct, List<Double> foldAccuracies) {
        public double accuracy() {
            return examples == 0 ? 0 : (double) correct / examples;
        }
    }

    private CrossValidation() {
    }

    public static Result run(List<LabelledText> examples, Map<Category, List<String>> lexicon, int folds, long seed) {
        List<List<LabelledText>> parts = new ArrayList<>();
        for (int i = 0; i < folds; i++) {
            parts.add(new ArrayList<>());
        }
        // Stratify: deal each category's shuffled examples round-robin over the folds.
        Random random = new Random(seed);
        int next = 0;
        for (Category c : Category.values()) {
            List<LabelledText> ofCategory = new ArrayList<>(examples.stream().filter(e -> e.category() == c).toList());
            Collections.shuffle(ofCategory, random);
            for (LabelledText e : ofCategory) {
                parts.get(next++ % folds).add(e);
            }
        }
        int correct = 0;
        List<Double> accuracies = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            List<LabelledText> train = new ArrayList<>();
            for (int j = 0; j < folds; j++) {
                if (j != k) {
                    train.addAll(parts.get(j));
                }
            }
            CategoryClassifier model = new CategoryClassifier(train, lexicon);
            int foldCorrect = 0;
            for (LabelledText e : parts.get(k)) {
                if (model.classify(e.subject(), e.body()).map(p -> p.category() == e.category()).orElse(false)) {
                    foldCorrect++;
                }
            }
            correct += foldCorrect;
            accuracies.add(parts.get(k).isEmpty() ? 0 : (double) foldCorrect / parts.get(k).size());
        }
        return new Result(folds, examples.size(), correct, List.copyOf(accuracies));
    }
}

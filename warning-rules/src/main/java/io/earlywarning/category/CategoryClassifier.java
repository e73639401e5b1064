package io.earlywarning.category;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.earlywarning.domain.Category;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Infers the first-level category (一级分类) of a complaint from its text: a softmax (multinomial logistic)
 * regression over TF-IDF weighted character unigrams and bigrams, L2-normalized per text.
 *
 * <p>Trained on the 494 labelled A-city messages plus an analyst-edited keyword lexicon ({@code lexicon.yaml}),
 * which also covers the categories the A-city labels lack (政法, 自然资源, 农村农业, 民政). Deterministic: a
 * fixed number of passes over the examples in a seeded order. Measured by 5-fold cross-validation in {@code bench}
 * (naive Bayes on the same features measured lower; see BENCHMARKS.md).
 */
public final class CategoryClassifier {

    private static final int EPOCHS = 30;
    private static final double LEARNING_RATE = 0.2;
    private static final double L2 = 1e-5;
    /** A lexicon keyword counts as much as this many occurrences in a training text. */
    private static final double LEXICON_WEIGHT = 1.0;

    private final Category[] classes;
    private final Map<String, Integer> termIndex = new HashMap<>();
    private final double[] idf;
    private final double[][] weights;
    private final double[] bias;

    /** A decision with its probability among the categories. */
    public record Prediction(Category category, double probability) {
    }

    private record Example(int[] terms, double[] values, int label) {
    }

    public CategoryClassifier(List<LabelledText> examples, Map<Category, List<String>> lexicon) {
        List<Map<String, Double>> texts = new ArrayList<>();
        List<Category> labels = new ArrayList<>();
        for (LabelledText ex : examples) {
            texts.add(TextFeatures.of(ex.subject(), ex.body()));
            labels.add(ex.category());
        }
        lexicon.forEach((category, words) -> words.forEach(w -> {
            Map<String, Double> counts = new HashMap<>();
            TextFeatures.count(w, LEXICON_WEIGHT, counts);
            texts.add(counts);
            labels.add(category);
        }));
        classes = labels.stream().distinct().sorted().toArray(Category[]::new);
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (Map<String, Double> t : texts) {
            t.keySet().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
        }
        documentFrequency.keySet().stream().sorted().forEach(term -> termIndex.put(term, termIndex.size()));
        idf = new double[termIndex.size()];
        documentFrequency.forEach((term, df) -> idf[termIndex.get(term)] = Math.log((1.0 + texts.size()) / (1.0 + df)) + 1);
        List<Example> train = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            train.add(vectorize(texts.get(i), java.util.Arrays.asList(classes).indexOf(labels.get(i))));
        }
        weights = new double[classes.length][termIndex.size()];
        bias = new double[classes.length];
        fit(train);
    }

    /** The classifier trained on the bundled examples and lexicon. */
    public static CategoryClassifier bundled() {
        return new CategoryClassifier(bundledExamples(), bundledLexicon());
    }

    private Example vectorize(Map<String, Double> counts, int label) {
        int n = 0;
        int[] terms = new int[counts.size()];
        double[] values = new double[counts.size()];
        for (Map.Entry<String, Double> e : counts.entrySet()) {
            Integer index = termIndex.get(e.getKey());
            if (index != null) {
                terms[n] = index;
                values[n] = (1 + Math.log(e.getValue())) * idf[index];
                n++;
            }
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm += values[i] * values[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            values[i] /= norm;
        }
        return new Example(java.util.Arrays.copyOf(terms, n), java.util.Arrays.copyOf(values, n), label);
    }

    /** Stochastic gradient descent on the cross-entropy, AdaGrad step sizes, L2 penalty applied lazily. */
    private void fit(List<Example> train) {
        double[][] gradSquares = new double[classes.length][termIndex.size()];
        double[] biasSquares = new double[classes.length];
        List<Example> order = new ArrayList<>(train);
        java.util.Random random = new java.util.Random(42);
        double[] p = new double[classes.length];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            java.util.Collections.shuffle(order, random);
            for (Example ex : order) {
                probabilities(ex, p);
                for (int c = 0; c < classes.length; c++) {
                    double error = p[c] - (c == ex.label() ? 1 : 0);
                    for (int i = 0; i < ex.terms().length; i++) {
                        int t = ex.terms()[i];
                        double g = error * ex.values()[i] + L2 * weights[c][t];
                        gradSquares[c][t] += g * g;
                        weights[c][t] -= LEARNING_RATE * g / Math.sqrt(gradSquares[c][t] + 1e-8);
                    }
                    biasSquares[c] += error * error;
                    bias[c] -= LEARNING_RATE * error / Math.sqrt(biasSquares[c] + 1e-8);
                }
            }
        }
    }

    private void probabilities(Example ex, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes.length; c++) {
            double z = bias[c];
            for (int i = 0; i < ex.terms().length; i++) {
                z += weights[c][ex.terms()[i]] * ex.values()[i];
            }
            p[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < classes.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes.length; c++) {
            p[c] /= sum;
        }
    }

    /** The most probable category, or empty for a text with no known term. */
    public Optional<Prediction> classify(String subject, String body) {
        Example ex = vectorize(TextFeatures.of(subject, body), -1);
        if (ex.terms().length == 0) {
            return Optional.empty();
        }
        double[] p = new double[classes.length];
        probabilities(ex, p);
        int best = 0;
        for (int c = 1; c < classes.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return Optional.of(new Prediction(classes[best], p[best]));
    }

    /** The 494 labelled A-city messages, bundled as training data. */
    public static List<LabelledText> bundledExamples() {
        try (InputStream in = resource("a-city-categorized.jsonl")) {
            return readLabelled(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads JSON lines with {@code messageId}, {@code subject}, {@code body}, {@code category}. */
    public static List<LabelledText> readLabelled(InputStream in) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<LabelledText> out = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            Category c = Category.fromLabel(n.path("category").asText())
                    .orElseThrow(() -> new IllegalArgumentException("unknown category in " + n));
            out.add(new LabelledText(n.path("messageId").asText(), n.path("subject").asText(),
                    n.path("body").asText(), c));
        }
        return out;
    }

    /** The analyst-edited keyword lexicon: category label to words. */
    public static Map<Category, List<String>> bundledLexicon() {
        try (InputStream in = resource("lexicon.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<Category, List<String>> lexicon = new EnumMap<>(Category.class);
            root.path("categories").properties().forEach(e -> {
                Category c = Category.fromLabel(e.getKey())
                        .orElseThrow(() -> new IllegalArgumentException("lexicon.yaml: unknown category " + e.getKey()));
                List<String> words = new ArrayList<>();
                e.getValue().forEach(w -> words.add(w.asText()));
                lexicon.put(c, words);
            });
            return lexicon;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = CategoryClassifier.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing bundled resource " + name);
        }
        return in;
    }
}

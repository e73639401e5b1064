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
 * Infers the first-level category (一级分类) of a complaint from its text: complement naive Bayes (Rennie et al.,
 * 2003) over TF-IDF weighted, length-normalized character unigrams and bigrams. Each category is scored by how badly
 * the text fits all the <em>other</em> categories, which keeps small categories from being drowned by large ones.
 *
 * <p>Trained on the 494 labelled A-city messages plus an analyst-edited keyword lexicon ({@code lexicon.yaml}),
 * which also covers the categories the A-city labels lack (政法, 自然资源, 农村农业, 民政). Measured by 5-fold
 * cross-validation in {@code bench}; see BENCHMARKS.md.
 */
public final class CategoryClassifier {

    /** Additive smoothing of the complement term weights. */
    private static final double ALPHA = 0.03;
    /** A lexicon keyword counts as much as this many occurrences in a training text. */
    private static final double LEXICON_WEIGHT = 1.0;

    private final Map<String, Double> idf = new HashMap<>();
    /** The categories the model knows, in a fixed order. */
    private final Category[] categories;
    /** Per term, the log complement weight of each category (same order): one lookup per term when classifying. */
    private final Map<String, double[]> complementWeights = new HashMap<>();

    /** A decision, with the softmax of the scores as a rough confidence. */
    public record Prediction(Category category, double probability) {
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
        Map<String, Integer> documentFrequency = new HashMap<>();
        texts.forEach(t -> t.keySet().forEach(term -> documentFrequency.merge(term, 1, Integer::sum)));
        documentFrequency.forEach((term, df) -> idf.put(term, Math.log((1.0 + texts.size()) / (1.0 + df)) + 1));

        Map<Category, Map<String, Double>> perCategory = new EnumMap<>(Category.class);
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Double> target = perCategory.computeIfAbsent(labels.get(i), c -> new HashMap<>());
            weigh(texts.get(i)).forEach((term, w) -> target.merge(term, w, Double::sum));
        }
        double vocabulary = idf.size();
        categories = perCategory.keySet().toArray(Category[]::new);
        idf.keySet().forEach(term -> complementWeights.put(term, new double[categories.length]));
        for (int k = 0; k < categories.length; k++) {
            Category c = categories[k];
            Map<String, Double> complement = new HashMap<>();
            perCategory.forEach((other, weights) -> {
                if (other != c) {
                    weights.forEach((term, w) -> complement.merge(term, w, Double::sum));
                }
            });
            double total = complement.values().stream().mapToDouble(Double::doubleValue).sum() + ALPHA * vocabulary;
            for (Map.Entry<String, double[]> e : complementWeights.entrySet()) {
                e.getValue()[k] = Math.log((complement.getOrDefault(e.getKey(), 0.0) + ALPHA) / total);
            }
        }
    }

    /** The classifier trained on the bundled examples and lexicon. */
    public static CategoryClassifier bundled() {
        return new CategoryClassifier(bundledExamples(), bundledLexicon());
    }

    /** Sublinear TF times IDF, L2-normalized, over the known vocabulary. */
    private Map<String, Double> weigh(Map<String, Double> counts) {
        Map<String, Double> weights = new HashMap<>();
        double norm = 0;
        for (Map.Entry<String, Double> e : counts.entrySet()) {
            Double termIdf = idf.get(e.getKey());
            if (termIdf != null) {
                double w = (1 + Math.log(e.getValue())) * termIdf;
                weights.put(e.getKey(), w);
                norm += w * w;
            }
        }
        double length = Math.sqrt(norm);
        weights.replaceAll((term, w) -> w / length);
        return weights;
    }

    /** The most probable category, or empty for a text with no known term. */
    public Optional<Prediction> classify(String subject, String body) {
        Map<String, Double> weights = weigh(TextFeatures.of(subject, body));
        if (weights.isEmpty()) {
            return Optional.empty();
        }
        double[] scores = new double[categories.length];
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            double[] complement = complementWeights.get(w.getKey());
            for (int k = 0; k < scores.length; k++) {
                scores[k] -= w.getValue() * complement[k];
            }
        }
        int best = 0;
        for (int k = 1; k < scores.length; k++) {
            if (scores[k] > scores[best]) {
                best = k;
            }
        }
        double norm = 0;
        for (double score : scores) {
            norm += Math.exp(score - scores[best]);
        }
        return Optional.of(new Prediction(categories[best], 1.0 / norm));
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

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
    private final Map<Category, Map<String, Double>> complementWeights = new EnumMap<>(Category.class);

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
        for (Category c : perCategory.keySet()) {
            Map<String, Double> complement = new HashMap<>();
            perCategory.forEach((other, weights) -> {
                if (other != c) {
                    weights.forEach((term, w) -> complement.merge(term, w, Double::sum));
                }
            });
            double total = complement.values().stream().mapToDouble(Double::doubleValue).sum() + ALPHA * vocabulary;
            Map<String, Double> logWeights = new HashMap<>();
            for (String term : idf.keySet()) {
                logWeights.put(term, Math.log((complement.getOrDefault(term, 0.0) + ALPHA) / total));
            }
            complementWeights.put(c, logWeights);
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
        Category best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        Map<Category, Double> scores = new EnumMap<>(Category.class);
        for (Map.Entry<Category, Map<String, Double>> c : complementWeights.entrySet()) {
            double score = 0;
            for (Map.Entry<String, Double> w : weights.entrySet()) {
                score -= w.getValue() * c.getValue().get(w.getKey());
            }
            scores.put(c.getKey(), score);
            if (score > bestScore) {
                bestScore = score;
                best = c.getKey();
            }
        }
        double norm = 0;
        for (double s : scores.values()) {
            norm += Math.exp(s - bestScore);
        }
        return Optional.of(new Prediction(best, 1.0 / norm));
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

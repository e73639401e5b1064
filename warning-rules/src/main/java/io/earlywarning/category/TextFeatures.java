package io.earlywarning.category;

import io.earlywarning.text.CjkBigramAnalyzer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Character unigrams and bigrams of Chinese text (Lucene's CJK bigram analysis), counted: the features of the
 * category classifier. Bigrams need no word segmenter, so a segmenter's choices on unknown words never matter.
 */
public final class TextFeatures {

    private static final Analyzer ANALYZER = new CjkBigramAnalyzer(true);

    /** The title states the matter in a few words; the body adds context and noise. */
    static final double SUBJECT_WEIGHT = 2.0;

    private TextFeatures() {
    }

    /** Adds the term counts of {@code text}, each multiplied by {@code weight}, to {@code counts}. */
    public static void count(String text, double weight, Map<String, Double> counts) {
        if (text == null || text.isEmpty()) {
            return;
        }
        try (TokenStream ts = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (!t.chars().allMatch(Character::isDigit)) {
                    counts.merge(t, weight, Double::sum);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    public static Map<String, Double> of(String subject, String body) {
        Map<String, Double> counts = new HashMap<>();
        // The title states the matter in a few words; the body adds context and noise.
        count(subject, SUBJECT_WEIGHT, counts);
        count(body, 1.0, counts);
        return counts;
    }
}

package io.earlywarning.cluster;

import com.carrotsearch.hppc.IntIntHashMap;
import io.earlywarning.text.ChineseTextNormalizer;
import io.earlywarning.text.CjkBigramAnalyzer;
import io.earlywarning.text.IcuWordAnalyzer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The terms of a case's matter: its subject and text folded (traditional to simplified, full to half width), the
 * names of its own place taken out — place is compared as a field, so that two problems at one estate do not look
 * alike for sharing the estate's name — and analysed by Lucene into CJK character bigrams (no segmenter whose
 * choices on unknown words could split one matter in two), optionally with unigrams, or smartcn words.
 *
 * <p>A term is an {@code int}: one or two UTF-16 characters packed exactly, longer words hashed. Thread-safe.
 */
public final class MatterTerms {

    /** One analyzer, or two whose terms are counted together (a mix). */
    private final Analyzer[] analyzers;
    private final int maxChars;

    public MatterTerms(String analysis, int maxChars) {
        this.analyzers = switch (analysis) {
            case "bigrams" -> new Analyzer[]{new CjkBigramAnalyzer(false)};
            case "bigrams+unigrams" -> new Analyzer[]{new CjkBigramAnalyzer(true)};
            case "smartcn" -> new Analyzer[]{new SmartChineseAnalyzer()};
            case "icu" -> new Analyzer[]{new IcuWordAnalyzer()};
            case "icu+bigrams" -> new Analyzer[]{new IcuWordAnalyzer(), new CjkBigramAnalyzer(false)};
            default -> throw new IllegalArgumentException("unknown analysis " + analysis);
        };
        this.maxChars = maxChars;
    }

    /**
     * Term counts of a matter: {@code subject} and {@code text} with the given place names removed.
     * Returns term → count.
     */
    public IntIntHashMap count(String subject, String text, String... placeNames) {
        StringBuilder b = new StringBuilder();
        if (subject != null && !subject.isBlank()) {
            b.append(subject).append('。');
        }
        if (text != null) {
            b.append(text, 0, Math.min(text.length(), Math.max(0, maxChars - b.length())));
        }
        String folded = ChineseTextNormalizer.fold(b.toString());
        for (String name : placeNames) {
            if (name != null && name.length() >= 2) {
                folded = folded.replace(ChineseTextNormalizer.fold(name), "，");
            }
        }
        IntIntHashMap counts = new IntIntHashMap();
        for (Analyzer analyzer : analyzers) {
            try (TokenStream ts = analyzer.tokenStream("text", folded)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    counts.addTo(termId(term.buffer(), term.length()), 1);
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException("reading a string cannot fail", e);
            }
        }
        return counts;
    }

    /** One or two characters packed exactly (a bigram's two UTF-16 units); a longer token hashed. */
    static int termId(char[] buffer, int length) {
        if (length == 1) {
            return buffer[0] << 16;
        }
        if (length == 2) {
            return buffer[0] << 16 | buffer[1];
        }
        int h = 0x9E3779B9;
        for (int i = 0; i < length; i++) {
            h = (h ^ buffer[i]) * 0x01000193;
        }
        // Mix, and keep the low half non-zero so that a hashed word never equals a packed single character.
        h ^= h >>> 15;
        return (h & 0xFFFF) == 0 ? h | 1 : h;
    }
}

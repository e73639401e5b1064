package io.earlywarning.text;

import com.ibm.icu.text.Transliterator;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds the ways one Chinese text can be written into one form: full-width and half-width characters (NFKC),
 * traditional to simplified characters (ICU's Traditional-Simplified transform) and letter case.
 *
 * <p>ICU's transform is slow per call (tens of microseconds for a sentence), so its character mappings are read
 * once into a table of the Basic Multilingual Plane; folding is then a lookup per character. Thread-safe.
 */
public final class ChineseTextNormalizer {

    private static final char[] SIMPLIFIED = simplifiedTable();
    /** Every UTF-16 unit folded on its own, computed once: folding is per character on every text's hot path. */
    private static final String[] FOLDED = foldedTable();

    private ChineseTextNormalizer() {
    }

    /** NFKC, simplified characters, lower case. The length may change, so offsets do not carry over. */
    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        char[] chars = nfkc.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = SIMPLIFIED[chars[i]];
        }
        return new String(chars).toLowerCase(Locale.ROOT);
    }

    /**
     * One character folded, fast for the common case: a CJK unified ideograph (NFKC leaves it alone) is only looked
     * up in the traditional-to-simplified table; anything else goes through {@link #fold(String)}.
     */
    public static String fold(char c) {
        return FOLDED[c];
    }

    private static String[] foldedTable() {
        String[] table = new String[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            table[c] = c >= 0x3400 && c <= 0x9FFF ? String.valueOf(SIMPLIFIED[c]) : fold(String.valueOf((char) c));
        }
        return table;
    }

    private static char[] simplifiedTable() {
        char[] table = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            table[c] = (char) c;
        }
        Transliterator toSimplified = Transliterator.getInstance("Traditional-Simplified");
        // CJK Unified Ideographs, Extension A and the compatibility ideographs: where traditional forms live.
        int[][] ranges = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};
        for (int[] range : ranges) {
            for (int c = range[0]; c <= range[1]; c++) {
                String s = toSimplified.transliterate(String.valueOf((char) c));
                if (s.length() == 1) {
                    table[c] = s.charAt(0);
                }
            }
        }
        return table;
    }
}

package io.earlywarning.text;

import com.ibm.icu.text.Transliterator;

import java.text.Normalizer;

/**
 * Folds the ways one Chinese text can be written into one form: full-width and half-width characters (NFKC),
 * traditional to simplified characters (ICU's Traditional-Simplified transform) and letter case.
 *
 * <p>Thread-safe: ICU transliterators are not, so each thread gets its own.
 */
public final class ChineseTextNormalizer {

    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

    private ChineseTextNormalizer() {
    }

    /** NFKC, simplified characters, lower case. The length may change, so offsets do not carry over. */
    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return TO_SIMPLIFIED.get().transliterate(nfkc).toLowerCase(java.util.Locale.ROOT);
    }
}

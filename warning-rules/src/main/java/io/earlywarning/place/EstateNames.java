package io.earlywarning.place;

import io.earlywarning.text.ChineseTextNormalizer;

import java.util.regex.Pattern;

/**
 * The key that every writing of one estate name shares: 恒大·外滩, 恒大.外滩小区, 恆大外灘 and ＨＥ大外滩 variants
 * collapse to one key, so that counts per estate are counts per estate and not per spelling.
 */
public final class EstateNames {

    /** Separators people put inside names: middle dots of every width, full stops, spaces, dashes. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s·•・‧∙.。．\\-_—]+");
    /** Generic words that name the kind of place, not the place. */
    private static final Pattern GENERIC_SUFFIX = Pattern.compile("(小区|社区|住宅小区)$");

    private EstateNames() {
    }

    /** The normalized key, or null for a blank name. */
    public static String key(String name) {
        if (name == null) {
            return null;
        }
        String folded = SEPARATORS.matcher(ChineseTextNormalizer.fold(name)).replaceAll("");
        String key = GENERIC_SUFFIX.matcher(folded).replaceAll("");
        return key.isEmpty() ? null : key;
    }

    /**
     * Whether two estate keys may name one estate: equal, one typing slip apart, or one inside the other — what a
     * writer adds around a name (武广新城伊景园滨河苑, 伊景园滨河苑) or leaves out (滨河苑, 万科魅力之城 / 魅力之城).
     * Null (no estate named) is never a different estate.
     */
    public static boolean mayBeSame(String a, String b) {
        if (a == null || b == null || a.equals(b)) {
            return true;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= 2 && longer.contains(shorter) || withinOneTypo(a, b);
    }

    /**
     * Whether two keys differ by at most one character (one substitution, insertion or deletion): a typing slip of
     * one character. Only for keys of four characters or more; in shorter names one character is a different name.
     */
    public static boolean withinOneTypo(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (Math.min(a.length(), b.length()) < 4 || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int j = a.length() - 1;
        int k = b.length() - 1;
        while (j >= i && k >= i && a.charAt(j) == b.charAt(k)) {
            j--;
            k--;
        }
        // What remains between the common prefix and suffix is the edit: at most one character on each side.
        if ((j - i + 1) > 1 || (k - i + 1) > 1) {
            return false;
        }
        // 恒大一期 and 恒大二期 are two phases, not a slip: a different numeral is a different name.
        return !(j == i && k == i && isNumeral(a.charAt(i)) && isNumeral(b.charAt(i)));
    }

    private static boolean isNumeral(char c) {
        return Character.isDigit(c) || "一二三四五六七八九十零壹贰叁肆伍陆柒捌玖拾".indexOf(c) >= 0;
    }
}

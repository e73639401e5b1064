package io.earlywarning.threat;

import com.ibm.icu.text.Transliterator;
import io.earlywarning.text.ChineseTextNormalizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A text as a sequence of sounds: each Chinese character becomes its pinyin syllable (tone-less), a run of Latin
 * letters is split into pinyin syllables, digits stay as they are, and everything else (spaces, punctuation,
 * symbols inserted between characters) is skipped. Each unit keeps its span in the original text, so matches
 * found in sound space point back at the characters the writer typed.
 *
 * <p>Matching by sound is what makes 跳 楼, 跳*楼, 挑楼 (a homophone), tiao楼 and 跳lou all 跳楼. Characters are
 * folded first (width, traditional to simplified), so 跳樓 is 跳楼 too.
 */
public final class PhoneticText {

    /** One unit: its sound (or the character itself), the folded character, and its span in the original text. */
    public record Unit(String sound, String folded, int start, int end, int clause) {
    }

    private static final String[] SYLLABLE_OF = new String[Character.MAX_VALUE + 1];
    private static final Set<String> SYLLABLES = new TreeSet<>();
    private static final int LONGEST_SYLLABLE = 6;

    static {
        Transliterator toPinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower");
        for (int c = 0x3400; c <= 0x9FFF; c++) {
            String p = toPinyin.transliterate(String.valueOf((char) c));
            if (p.chars().allMatch(ch -> ch >= 'a' && ch <= 'z') && !p.isEmpty()) {
                SYLLABLE_OF[c] = p;
                SYLLABLES.add(p);
            }
        }
    }

    private final List<Unit> units;

    private PhoneticText(List<Unit> units) {
        this.units = units;
    }

    public static PhoneticText of(String text) {
        List<Unit> units = new ArrayList<>();
        int clause = 0;
        int i = 0;
        while (i < text.length()) {
            String folded = ChineseTextNormalizer.fold(text.charAt(i));
            if (isLatin(folded)) {
                // A run of letters, however written (ｔｉａｏ, ㎏ folds to kg): its own units, split into syllables.
                int end = i;
                StringBuilder letters = new StringBuilder();
                while (end < text.length()) {
                    String f = ChineseTextNormalizer.fold(text.charAt(end));
                    if (!isLatin(f)) {
                        break;
                    }
                    letters.append(f);
                    end++;
                }
                addLatin(units, letters.toString(), i, end, clause);
                i = end;
                continue;
            }
            char c = folded.isEmpty() ? text.charAt(i) : folded.charAt(0);
            if (isClauseEnd(c)) {
                clause++;
            } else if (SYLLABLE_OF[c] != null) {
                String one = ChineseTextNormalizer.fold(c);
                units.add(new Unit(SYLLABLE_OF[c], one, i, i + 1, clause));
            } else if (Character.isDigit(c)) {
                String one = ChineseTextNormalizer.fold(c);
                units.add(new Unit(one, one, i, i + 1, clause));
            }
            i++;
        }
        return new PhoneticText(List.copyOf(units));
    }

    private static boolean isLatin(String folded) {
        if (folded.isEmpty()) {
            return false;
        }
        for (int k = 0; k < folded.length(); k++) {
            char ch = folded.charAt(k);
            if (ch < 'a' || ch > 'z') {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits letters into pinyin syllables, longest first; letters that are no syllable stay one unit. Offsets are
     * those of the letters in the folded run, clamped to the original span (a ligature folds to two letters).
     */
    private static void addLatin(List<Unit> units, String letters, int start, int originalEnd, int clause) {
        int i = 0;
        while (i < letters.length()) {
            int take = 0;
            for (int n = Math.min(LONGEST_SYLLABLE, letters.length() - i); n >= 1; n--) {
                if (SYLLABLES.contains(letters.substring(i, i + n))) {
                    take = n;
                    break;
                }
            }
            if (take == 0) {
                // Not pinyin (an English word, an abbreviation): keep the rest as one unit that matches nothing Chinese.
                units.add(new Unit(letters.substring(i), letters.substring(i), Math.min(start + i, originalEnd - 1),
                        originalEnd, clause));
                return;
            }
            units.add(new Unit(letters.substring(i, i + take), letters.substring(i, i + take),
                    Math.min(start + i, originalEnd - 1), Math.min(start + i + take, originalEnd), clause));
            i += take;
        }
    }

    private static boolean isClauseEnd(char c) {
        return "。！？；!?;\n".indexOf(c) >= 0;
    }

    /** The sounds of a phrase as written in the rules (a phrase is plain Chinese text). */
    public static List<String> soundsOf(String phrase) {
        return of(phrase).units.stream().map(Unit::sound).toList();
    }

    public List<Unit> units() {
        return units;
    }
}

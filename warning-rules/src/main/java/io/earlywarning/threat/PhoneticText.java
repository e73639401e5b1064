package io.earlywarning.threat;

import com.ibm.icu.text.Transliterator;
import io.earlywarning.text.ChineseTextNormalizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A text as a sequence of sounds: each Chinese character becomes its pinyin syllable (tone-less), a run of Latin
 * letters is split into pinyin syllables, digits stay as they are, and everything else (spaces, punctuation,
 * symbols inserted between characters) is skipped. Each unit keeps its span in the original text, so matches
 * found in sound space point back at the characters the writer typed.
 *
 * <p>Matching by sound is what makes 跳 楼, 跳*楼, 挑楼 (a homophone), tiao楼 and 跳lou all 跳楼. Characters are
 * folded first (width, traditional to simplified), so 跳樓 is 跳楼 too.
 *
 * <p>Each syllable is one character of a private-use code ({@link #sounds()}), so a phrase's sounds are a short
 * string and one automaton pass over a text costs one step per character written, not per letter of its pinyin:
 * texts are long (a web post is hundreds of characters) and every case passes here.
 */
public final class PhoneticText {

    /** The code of a letter run that is no pinyin (an English word): it matches no rule phrase. */
    private static final char NOT_A_SOUND = '\uF8FF';
    private static final char FIRST_CODE = '\uE000';
    /** Per folded character, its syllable's code; 0 where the character has no sound. */
    private static final char[] CODE_OF = new char[Character.MAX_VALUE + 1];
    private static final Map<String, Character> CODE_OF_SYLLABLE = new HashMap<>();
    private static final int LONGEST_SYLLABLE = 6;
    /** What each UTF-16 unit of a text is once folded, computed once: this loop runs over every character of every case. */
    private static final byte[] KIND = new byte[Character.MAX_VALUE + 1];
    /** Per character as written, its sound's code (folding included), where {@link #KIND} is {@link #SOUND}. */
    private static final char[] SOUND_OF_RAW = new char[Character.MAX_VALUE + 1];
    private static final byte SKIPPED = 0;
    private static final byte SOUND = 1;
    private static final byte LETTER = 2;
    private static final byte CLAUSE_END = 3;
    private static final byte QUESTION_END = 4;
    private static final byte PHRASE_END = 5;

    static {
        Transliterator toPinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower");
        for (int c = 0x3400; c <= 0x9FFF; c++) {
            String p = toPinyin.transliterate(String.valueOf((char) c));
            if (!p.isEmpty() && p.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
                CODE_OF[c] = CODE_OF_SYLLABLE.computeIfAbsent(p, s -> (char) (FIRST_CODE + CODE_OF_SYLLABLE.size()));
            }
        }
        for (char d = '0'; d <= '9'; d++) {
            CODE_OF[d] = d;
        }
        for (int raw = 0; raw <= Character.MAX_VALUE; raw++) {
            String folded = ChineseTextNormalizer.fold((char) raw);
            char c = folded.isEmpty() ? (char) raw : folded.charAt(0);
            if (isLatin(folded)) {
                KIND[raw] = LETTER;
            } else if (c == '？' || c == '?') {
                KIND[raw] = QUESTION_END;
            } else if (isClauseEnd(c)) {
                KIND[raw] = CLAUSE_END;
            } else if (isPhraseEnd(c)) {
                KIND[raw] = PHRASE_END;
            } else if (CODE_OF[c] != 0) {
                KIND[raw] = SOUND;
                SOUND_OF_RAW[raw] = CODE_OF[c];
            }
        }
    }

    private final String text;
    private final String sounds;
    private final int[] starts;
    private final int[] ends;
    private final int[] clauses;
    private final int[] phrases;
    /** The folded letters of units that came from Latin letters, by unit; null when the text has none. */
    private final String[] latin;
    private final BitSet questions;

    private PhoneticText(String text, String sounds, int[] starts, int[] ends, int[] clauses, int[] phrases,
                         String[] latin, BitSet questions) {
        this.text = text;
        this.sounds = sounds;
        this.starts = starts;
        this.ends = ends;
        this.clauses = clauses;
        this.phrases = phrases;
        this.latin = latin;
        this.questions = questions;
    }

    public static PhoneticText of(String text) {
        int n = text.length();
        Builder units = new Builder(n);
        BitSet questions = new BitSet();
        int clause = 0;
        int phrase = 0;
        int i = 0;
        while (i < n) {
            char raw = text.charAt(i);
            byte kind = KIND[raw];
            if (kind == SOUND) {
                units.add(SOUND_OF_RAW[raw], i, i + 1, clause, phrase, null);
            } else if (kind == LETTER) {
                // A run of letters, however written (ｔｉａｏ, ㎏ folds to kg): its own units, split into syllables.
                int end = i;
                StringBuilder letters = new StringBuilder();
                while (end < n && KIND[text.charAt(end)] == LETTER) {
                    letters.append(ChineseTextNormalizer.fold(text.charAt(end)));
                    end++;
                }
                addLatin(units, letters.toString(), i, end, clause, phrase);
                i = end;
                continue;
            } else if (kind == CLAUSE_END || kind == QUESTION_END) {
                if (kind == QUESTION_END) {
                    questions.set(clause);
                }
                clause++;
                phrase++;
            } else if (kind == PHRASE_END) {
                phrase++;
            }
            i++;
        }
        return new PhoneticText(text, units.sounds.toString(), units.starts, units.ends, units.clauses, units.phrases,
                units.latin, questions);
    }

    /** The units as they are read; grows when letters fold to more units than they had characters (ﬁ, ㎡). */
    private static final class Builder {
        final StringBuilder sounds;
        int[] starts;
        int[] ends;
        int[] clauses;
        int[] phrases;
        String[] latin;
        int size;

        Builder(int capacity) {
            sounds = new StringBuilder(capacity);
            starts = new int[capacity];
            ends = new int[capacity];
            clauses = new int[capacity];
            phrases = new int[capacity];
        }

        void add(char code, int start, int end, int clause, int phrase, String letters) {
            if (size == starts.length) {
                int capacity = size * 2 + 8;
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
                clauses = Arrays.copyOf(clauses, capacity);
                phrases = Arrays.copyOf(phrases, capacity);
                latin = latin == null ? null : Arrays.copyOf(latin, capacity);
            }
            if (letters != null && latin == null) {
                latin = new String[starts.length];
            }
            sounds.append(code);
            starts[size] = start;
            ends[size] = end;
            clauses[size] = clause;
            phrases[size] = phrase;
            if (letters != null) {
                latin[size] = letters;
            }
            size++;
        }
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
    private static void addLatin(Builder units, String letters, int start, int originalEnd, int clause, int phrase) {
        int i = 0;
        while (i < letters.length()) {
            int take = 0;
            Character code = null;
            for (int n = Math.min(LONGEST_SYLLABLE, letters.length() - i); n >= 1; n--) {
                code = CODE_OF_SYLLABLE.get(letters.substring(i, i + n));
                if (code != null) {
                    take = n;
                    break;
                }
            }
            if (take == 0) {
                // Not pinyin (an English word, an abbreviation): the rest is one unit that matches nothing Chinese.
                units.add(NOT_A_SOUND, Math.min(start + i, originalEnd - 1), originalEnd, clause, phrase, letters.substring(i));
                return;
            }
            units.add(code, Math.min(start + i, originalEnd - 1), Math.min(start + i + take, originalEnd), clause, phrase,
                    letters.substring(i, i + take));
            i += take;
        }
    }

    private static boolean isPhraseEnd(char c) {
        return "，、：,:".indexOf(c) >= 0;
    }

    private static boolean isClauseEnd(char c) {
        return "。！？；!?;\n".indexOf(c) >= 0;
    }

    /** The sounds of a phrase as written in the rules (a phrase is plain Chinese text), one code per syllable. */
    public static String soundsOf(String phrase) {
        return of(phrase).sounds;
    }

    /** One character per unit, the unit's sound. */
    public String sounds() {
        return sounds;
    }

    public int size() {
        return sounds.length();
    }

    /** Where unit {@code u} starts in the original text (a UTF-16 index). */
    public int start(int u) {
        return starts[u];
    }

    public int end(int u) {
        return ends[u];
    }

    /** The sentence (clause ended by 。！？；or a line break) unit {@code u} stands in, counted from 0. */
    public int clause(int u) {
        return clauses[u];
    }

    /** The phrase (part of a clause between commas) unit {@code u} stands in, counted from 0 over the text. */
    public int phrase(int u) {
        return phrases[u];
    }

    /** Whether the clause ends with a question mark. */
    public boolean question(int clause) {
        return questions.get(clause);
    }

    /** What unit {@code u} is as written, folded: one simplified character, a digit, or pinyin letters. */
    public String folded(int u) {
        if (latin != null && latin[u] != null) {
            return latin[u];
        }
        return ChineseTextNormalizer.fold(text.charAt(starts[u]));
    }

    /** Whether unit {@code u} was written in Latin letters (pinyin typed in place of a character). */
    public boolean latin(int u) {
        return latin != null && latin[u] != null;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int u = 0; u < size(); u++) {
            parts.add(folded(u));
        }
        return String.join("|", parts) + " " + Arrays.toString(Arrays.copyOf(clauses, size()));
    }
}

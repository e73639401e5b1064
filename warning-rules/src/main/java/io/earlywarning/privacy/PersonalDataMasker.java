package io.earlywarning.privacy;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal numbers inside free text before it leaves intake: mainland mobile and landline numbers, resident
 * ID numbers, and the petitioner's own name where intake knows it. Digits that are not such numbers (amounts,
 * dates, house numbers, order numbers) stay readable.
 */
public final class PersonalDataMasker {

    /** 18-digit resident ID (last may be X) and the old 15-digit form, not inside a longer digit run. */
    private static final Pattern ID_NUMBER = Pattern.compile(
            "(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])"
                    + "|(?<![0-9])[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}(?![0-9Xx])");
    /** Mobile numbers, also written with +86 and with spaces or dashes between groups. */
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9])(?:\\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])");
    /** Landlines with an area code: 0731-88888888, (0731)8888888, 010 12345678. */
    private static final Pattern LANDLINE = Pattern.compile(
            "(?<![0-9])(?:\\(0[0-9]{2,3}\\)|0[0-9]{2,3}[ -]?)[2-8][0-9]{6,7}(?![0-9])");

    public static final String MASKED_ID = "[身份证号]";
    public static final String MASKED_PHONE = "[电话]";
    public static final String MASKED_NAME = "[姓名]";

    /** Masks numbers only. */
    public String mask(String text) {
        return mask(text, java.util.List.of());
    }

    /**
     * Masks numbers, and each of {@code knownNames} (the petitioner's own name, from the registration form)
     * wherever it stands in the text. Names of two characters or more only: one character is too often something else.
     */
    public String mask(String text, Collection<String> knownNames) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = replace(ID_NUMBER, text, MASKED_ID);
        masked = replace(MOBILE, masked, MASKED_PHONE);
        masked = replace(LANDLINE, masked, MASKED_PHONE);
        for (String name : knownNames) {
            if (name != null && name.strip().length() >= 2) {
                masked = masked.replace(name.strip(), MASKED_NAME);
            }
        }
        return masked;
    }

    /** True when the text still holds something that looks like a phone or ID number. */
    public boolean containsPersonalNumber(String text) {
        return text != null && (ID_NUMBER.matcher(text).find() || MOBILE.matcher(text).find()
                || LANDLINE.matcher(text).find());
    }

    /**
     * The mobile and ID numbers in {@code text}, as digits only (spaces, dashes and a +86 prefix dropped), so that a
     * privacy scan can ask whether a number a source sent turns up anywhere it must not.
     */
    public java.util.Set<String> personalNumbersIn(String text) {
        java.util.Set<String> found = new java.util.TreeSet<>();
        if (text == null) {
            return found;
        }
        for (Pattern p : java.util.List.of(ID_NUMBER, MOBILE)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                String digits = m.group().replaceAll("[^0-9Xx]", "").toUpperCase(java.util.Locale.ROOT);
                found.add(p == MOBILE && digits.length() > 11 ? digits.substring(digits.length() - 11) : digits);
            }
        }
        return found;
    }

    private static String replace(Pattern pattern, String text, String replacement) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.replaceAll(Matcher.quoteReplacement(replacement)) : text;
    }
}

package io.earlywarning.warning;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as analysts write them in rules files: {@code 15m}, {@code 4h}, {@code 3d}. */
public final class DurationText {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([mhd])");

    private DurationText() {
    }

    public static Duration parse(String text, String where) {
        Matcher m = text == null ? null : FORM.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a duration like 15m, 4h or 3d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}

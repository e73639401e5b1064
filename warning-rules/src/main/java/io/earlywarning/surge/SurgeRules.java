package io.earlywarning.surge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The analyst-edited surge rules ({@code surge-rules.yaml}): detector parameters per key type, the baseline, the
 * calendar of holidays and sensitive periods, repeat petitions. Read and validated as a whole; a file that fails
 * is refused with a message naming the problem, so a bad edit never replaces working rules.
 */
public record SurgeRules(
        int version,
        String zone,
        int distinctPetitionerDays,
        int graceHours,
        Baseline baseline,
        List<Integer> windowsHours,
        Map<String, KeyRule> keys,
        Close close,
        Repeat repeat,
        Reference reference,
        Calendar calendar) {

    /**
     * @param halfLifeDays    how fast a key's learned level forgets
     * @param warmupDays      days from the first case the stage ever saw during which it only learns
     * @param maxExcludedDays longest stretch of a surge kept out of the baseline: a surge that lasts longer is
     *                        the new normal, and learning it lets the surge close
     */
    public record Baseline(double halfLifeDays, double warmupDays, double maxExcludedDays) {
    }

    /**
     * @param rule         rule id reported on each signal
     * @param priorPerWeek level of a key never seen before, cases a week
     * @param priorWeeks   how many weeks of data the prior weighs
     * @param minObserved  fewest counted petitioners in the window that can be a surge
     * @param minRatio     fewest times the expected count that can be a surge
     * @param alpha        false-alarm level of one evaluation, after correction for the number of windows
     */
    public record KeyRule(String rule, double priorPerWeek, double priorWeeks, int minObserved, double minRatio,
                          double alpha) {
    }

    public record Close(int windowHours, double ratio) {
    }

    public record Repeat(String rule, int days) {
    }

    /** Parameters of the reference detectors (CDC EARS C1–C3, Poisson CUSUM). */
    public record Reference(Ears earsC1, Ears earsC2, Ears earsC3, Cusum poissonCusum) {
    }

    public record Ears(double threshold, double sigmaMin) {
    }

    /** @param shift the rate ratio the CUSUM is tuned to detect; @param minDailyMean floor of the in-control mean */
    public record Cusum(double threshold, double shift, double minDailyMean) {
    }

    public record Calendar(List<Holiday> holidays, List<SensitivePeriod> sensitivePeriods) {
    }

    /** A holiday (节假日): expected volume multiplied by {@code factor} on each day from..to inclusive. */
    public record Holiday(String name, LocalDate from, LocalDate to, double factor) {
    }

    /** A sensitive period (敏感时期): the false-alarm level multiplied by {@code alphaFactor}, so surges rise sooner. */
    public record SensitivePeriod(String name, LocalDate from, LocalDate to, double alphaFactor) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** The rules bundled with the application. */
    public static SurgeRules bundled() {
        try (InputStream in = SurgeRules.class.getResourceAsStream("surge-rules.yaml")) {
            return parse(in, "bundled surge-rules.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SurgeRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static SurgeRules parse(InputStream in, String source) {
        SurgeRules rules;
        try {
            rules = YAML.readValue(in, SurgeRules.class);
        } catch (UnrecognizedPropertyException e) {
            throw invalid(source, "unknown key '" + e.getPropertyName() + "' at " + e.getPathReference());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw invalid(source, e.getOriginalMessage() + " at " + location(e));
        } catch (IOException e) {
            throw invalid(source, firstLine(e));
        }
        if (rules == null) {
            throw invalid(source, "empty file");
        }
        rules.validate(source);
        return rules;
    }

    private static String location(com.fasterxml.jackson.core.JacksonException e) {
        return e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPathReference().replaceFirst("^.*SurgeRules", "") : "line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr());
    }

    private static String firstLine(IOException e) {
        String m = e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private void validate(String source) {
        require(source, version >= 1, "version must be 1 or more");
        try {
            ZoneOffset.of(zone);
        } catch (RuntimeException e) {
            throw invalid(source, "zone '" + zone + "' is not an offset like +08:00");
        }
        require(source, distinctPetitionerDays >= 0, "distinctPetitionerDays must be 0 or more");
        require(source, graceHours >= 0, "graceHours must be 0 or more");
        require(source, baseline != null && baseline.halfLifeDays() > 0, "baseline.halfLifeDays must be positive");
        require(source, baseline.warmupDays() >= 0, "baseline.warmupDays must be 0 or more");
        require(source, baseline.maxExcludedDays() > 0, "baseline.maxExcludedDays must be positive");
        require(source, windowsHours != null && !windowsHours.isEmpty(), "windowsHours must list at least one window");
        for (int w : windowsHours) {
            require(source, w >= 1 && w <= 24 * 14, "windowsHours: " + w + " is not between 1 and 336");
        }
        require(source, keys != null, "keys is missing");
        for (SurgeKeyType t : SurgeKeyType.values()) {
            KeyRule r = keys.get(t.id());
            require(source, r != null, "keys." + t.id() + " is missing");
            String at = "keys." + t.id() + ".";
            require(source, r.rule() != null && !r.rule().isBlank(), at + "rule is missing");
            require(source, r.priorPerWeek() > 0, at + "priorPerWeek must be positive");
            require(source, r.priorWeeks() > 0, at + "priorWeeks must be positive");
            require(source, r.minObserved() >= 1, at + "minObserved must be 1 or more");
            require(source, r.minRatio() >= 1, at + "minRatio must be 1 or more");
            require(source, r.alpha() > 0 && r.alpha() < 1, at + "alpha must be between 0 and 1");
        }
        for (String k : keys.keySet()) {
            try {
                SurgeKeyType.fromId(k);
            } catch (IllegalArgumentException e) {
                throw invalid(source, "keys: " + e.getMessage());
            }
        }
        require(source, close != null && close.windowHours() >= 1 && close.ratio() >= 1,
                "close needs windowHours >= 1 and ratio >= 1");
        require(source, repeat != null && repeat.rule() != null && repeat.days() >= 1, "repeat needs rule and days >= 1");
        require(source, reference != null && reference.earsC1() != null && reference.earsC2() != null
                && reference.earsC3() != null && reference.poissonCusum() != null,
                "reference needs earsC1, earsC2, earsC3 and poissonCusum");
        require(source, reference.poissonCusum().shift() > 1, "reference.poissonCusum.shift must be above 1");
        require(source, calendar != null && calendar.holidays() != null && calendar.sensitivePeriods() != null,
                "calendar needs holidays and sensitivePeriods (empty lists are fine)");
        for (Holiday h : calendar.holidays()) {
            require(source, h.from() != null && h.to() != null && !h.to().isBefore(h.from()),
                    "holiday " + h.name() + ": to is before from");
            require(source, h.factor() > 0 && h.factor() <= 2, "holiday " + h.name() + ": factor must be in (0, 2]");
        }
        for (SensitivePeriod p : calendar.sensitivePeriods()) {
            require(source, p.from() != null && p.to() != null && !p.to().isBefore(p.from()),
                    "sensitive period " + p.name() + ": to is before from");
            require(source, p.alphaFactor() >= 1, "sensitive period " + p.name() + ": alphaFactor must be 1 or more");
        }
    }

    /** The rule for one key type. */
    public KeyRule rule(SurgeKeyType type) {
        return keys.get(type.id());
    }

    public ZoneOffset zoneOffset() {
        return ZoneOffset.of(zone);
    }

    public int maxWindowHours() {
        return windowsHours.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static void require(String source, boolean ok, String message) {
        if (!ok) {
            throw invalid(source, message);
        }
    }

    private static IllegalArgumentException invalid(String source, String message) {
        return new IllegalArgumentException("invalid surge rules (" + source + "): " + message);
    }
}

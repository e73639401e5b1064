package io.earlywarning.surge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Holidays (expected volume lower) and sensitive periods (surges raised sooner) of {@link SurgeRules}, by local day. */
public final class SurgeCalendar {

    private final SurgeRules.Calendar calendar;
    private final ZoneOffset zone;

    public SurgeCalendar(SurgeRules rules) {
        this.calendar = rules.calendar();
        this.zone = rules.zoneOffset();
    }

    public LocalDate day(long epochSecond) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
    }

    /** Multiplier of the expected volume on {@code day}: a holiday's factor, 1 on ordinary days. */
    public double holidayFactor(LocalDate day) {
        for (SurgeRules.Holiday h : calendar.holidays()) {
            if (!day.isBefore(h.from()) && !day.isAfter(h.to())) {
                return h.factor();
            }
        }
        return 1.0;
    }

    /** Multiplier of the false-alarm level on {@code day}: a sensitive period's factor, 1 otherwise. */
    public double alphaFactor(LocalDate day) {
        double f = 1.0;
        for (SurgeRules.SensitivePeriod p : calendar.sensitivePeriods()) {
            if (!day.isBefore(p.from()) && !day.isAfter(p.to())) {
                f = Math.max(f, p.alphaFactor());
            }
        }
        return f;
    }

    /** Hour of the week, 0 = Monday 00:00–01:00 local time … 167 = Sunday 23:00. */
    public int hourOfWeek(long epochSecond) {
        long local = epochSecond + zone.getTotalSeconds();
        long day = Math.floorDiv(local, 86_400);
        int dow = (int) Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday (index 3 from Monday)
        int hour = (int) Math.floorMod(local, 86_400) / 3600;
        return dow * 24 + hour;
    }

    /** The instant (epoch second) a local epoch day starts. */
    public long startOfDay(long epochDay) {
        return epochDay * 86_400 - zone.getTotalSeconds();
    }

    /** Local epoch day of an instant. */
    public long epochDay(long epochSecond) {
        return Math.floorDiv(epochSecond + zone.getTotalSeconds(), 86_400);
    }
}

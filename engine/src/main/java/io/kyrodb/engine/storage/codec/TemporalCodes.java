package io.kyrodb.engine.storage.codec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Date/time values as the signed 64-bit numbers the value, key and spill formats store: a date as
 * its epoch day, timestamps as microseconds since 1970-01-01 00:00 (local for timestamp, UTC for
 * timestamptz). Infinity is {@code Long.MAX_VALUE} and -infinity {@code Long.MIN_VALUE}, so the
 * numbers order as the values do. These mappings are on disk: never change them.
 */
public final class TemporalCodes {
    private TemporalCodes() {
    }

    public static long date(LocalDate d) {
        return d.equals(LocalDate.MAX) ? Long.MAX_VALUE : d.equals(LocalDate.MIN) ? Long.MIN_VALUE : d.toEpochDay();
    }

    public static LocalDate date(long v) {
        return v == Long.MAX_VALUE ? LocalDate.MAX : v == Long.MIN_VALUE ? LocalDate.MIN : LocalDate.ofEpochDay(v);
    }

    public static long timestamp(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) {
            return Long.MAX_VALUE;
        }
        if (t.equals(LocalDateTime.MIN)) {
            return Long.MIN_VALUE;
        }
        return timestamptz(t.toInstant(ZoneOffset.UTC));
    }

    public static LocalDateTime timestamp(long v) {
        if (v == Long.MAX_VALUE) {
            return LocalDateTime.MAX;
        }
        if (v == Long.MIN_VALUE) {
            return LocalDateTime.MIN;
        }
        return LocalDateTime.ofInstant(timestamptz(v), ZoneOffset.UTC);
    }

    public static long timestamptz(Instant i) {
        if (i.equals(Instant.MAX)) {
            return Long.MAX_VALUE;
        }
        if (i.equals(Instant.MIN)) {
            return Long.MIN_VALUE;
        }
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    public static Instant timestamptz(long v) {
        if (v == Long.MAX_VALUE) {
            return Instant.MAX;
        }
        if (v == Long.MIN_VALUE) {
            return Instant.MIN;
        }
        return Instant.EPOCH.plus(v, ChronoUnit.MICROS);
    }
}

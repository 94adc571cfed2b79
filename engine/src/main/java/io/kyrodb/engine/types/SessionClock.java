package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The session's TimeZone and the current transaction's start time, for the values that depend on
 * them: {@code now()}, {@code 'today'}, text read as timestamptz and timestamptz printed as text.
 * A session installs them on its thread for each statement it runs ({@link #install}); values
 * computed later on the same thread (a streaming result read by the application) see the same
 * session's, since JDBC reads a result on the thread that ran it.
 */
public final class SessionClock {
    private static final class State {
        final ZoneId zone;
        final Instant transactionStart;
        /** Whether {@link #now()} was read since {@link #clockRead()} last asked. */
        boolean read;

        State(ZoneId zone, Instant transactionStart) {
            this.zone = zone;
            this.transactionStart = transactionStart;
        }
    }

    private static final ThreadLocal<State> CURRENT = new ThreadLocal<>();

    private SessionClock() {
    }

    public static void install(ZoneId zone, Instant transactionStart) {
        CURRENT.set(new State(zone, transactionStart.truncatedTo(ChronoUnit.MICROS)));
    }

    public static ZoneId zone() {
        State s = CURRENT.get();
        return s == null ? ZoneOffset.UTC : s.zone;
    }

    /** {@code now()}: the start of the current transaction, as in Postgres. */
    public static Instant now() {
        State s = CURRENT.get();
        if (s == null) {
            return Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
        s.read = true;
        return s.transactionStart;
    }

    /**
     * Whether {@link #now()} was read on this thread since the last call, and starts counting
     * afresh: a statement whose binding read it folded the time into its plan ({@code 'now'},
     * {@code 'today'}), so that plan must not be kept for another run.
     */
    public static boolean clockRead() {
        State s = CURRENT.get();
        if (s == null) {
            return false;
        }
        boolean read = s.read;
        s.read = false;
        return read;
    }

    /**
     * Parses a TimeZone setting the way Postgres accepts it: a zone name ({@code Europe/Berlin},
     * {@code UTC}), an offset ({@code +02:00}) or a bare number of hours, which Postgres (POSIX)
     * reads west-positive only in zone names, so {@code SET TIME ZONE 2} is UTC+2. 22023 otherwise.
     */
    public static ZoneId parseZone(String text) {
        String t = text.strip();
        try {
            if (t.matches("[+-]?\\d{1,2}(\\.\\d+)?")) {
                double hours = Double.parseDouble(t);
                return ZoneOffset.ofTotalSeconds((int) Math.round(hours * 3600));
            }
            if (t.equalsIgnoreCase("utc") || t.equalsIgnoreCase("gmt") || t.equalsIgnoreCase("z")
                    || t.equalsIgnoreCase("zulu")) {
                return ZoneOffset.UTC;
            }
            if (t.matches("[+-]\\d{1,2}(:\\d{2})?")) {
                return ZoneOffset.of(t.length() <= 3 ? (t.length() == 2 ? t.charAt(0) + "0" + t.charAt(1) : t) : t);
            }
            return ZoneId.of(t);
        } catch (DateTimeException | NumberFormatException e) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + t + "\" not recognized");
        }
    }

    /** The setting's canonical text: the zone's id ({@code UTC}, {@code Europe/Berlin}, {@code +02:00}). */
    public static String zoneName(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }
}

package io.kyrodb.engine.types;

/**
 * A Postgres {@code interval}: months, days and microseconds kept apart, because a month and a day
 * have no fixed length (a day across a daylight-saving change is 23 or 25 hours in timestamptz
 * arithmetic). Compared and hashed, as in Postgres, by its length with 30-day months and 24-hour
 * days, so {@code '1 mon' = '30 days'}.
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {
    public static final long MICROS_PER_DAY = 86_400_000_000L;
    public static final Interval ZERO = new Interval(0, 0, 0);

    /** The length in microseconds with 30-day months, as a 128-bit-safe comparison key. */
    private java.math.BigInteger span() {
        return java.math.BigInteger.valueOf((long) months * 30 + days).multiply(java.math.BigInteger.valueOf(MICROS_PER_DAY))
                .add(java.math.BigInteger.valueOf(micros));
    }

    @Override
    public int compareTo(Interval o) {
        return span().compareTo(o.span());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interval i && compareTo(i) == 0;
    }

    @Override
    public int hashCode() {
        return span().hashCode();
    }

    @Override
    public String toString() {
        return DateTimeText.formatInterval(this);
    }
}

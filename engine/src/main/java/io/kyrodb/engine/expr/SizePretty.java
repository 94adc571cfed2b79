package io.kyrodb.engine.expr;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * pg_size_pretty(bigint | numeric) as PostgreSQL 15 prints it: bytes below 10 kB, then the first
 * of kB, MB, GB, TB, PB under which the value stays below 20480, rounded half away from zero
 * (computed from the value truncated to the unit's half, as PostgreSQL does).
 */
final class SizePretty {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};
    private static final BigInteger LIMIT = BigInteger.valueOf(10 * 1024);
    private static final BigInteger LIMIT2 = BigInteger.valueOf(10 * 1024 * 2 - 1);

    private SizePretty() {
    }

    static String of(Object size) {
        BigInteger n;
        if (size instanceof BigDecimal d) {
            if (d.abs().compareTo(new BigDecimal(LIMIT)) < 0) {
                return d.toPlainString() + " bytes";
            }
            n = d.toBigInteger();   // truncates toward zero, as numeric_truncated_divide does
        } else {
            n = BigInteger.valueOf(((Number) size).longValue());
            if (n.abs().compareTo(LIMIT) < 0) {
                return n + " bytes";
            }
        }
        n = n.divide(BigInteger.valueOf(1 << 9));   // one bit kept for rounding
        for (int u = 0; ; u++) {
            if (n.abs().compareTo(LIMIT2) < 0 || u == UNITS.length - 1) {
                BigInteger rounded = n.add(BigInteger.valueOf(n.signum() < 0 ? -1 : 1)).divide(BigInteger.TWO);
                return rounded + " " + UNITS[u];
            }
            n = n.divide(BigInteger.valueOf(1 << 10));
        }
    }
}

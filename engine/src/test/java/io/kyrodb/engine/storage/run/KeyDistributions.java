package io.kyrodb.engine.storage.run;

import java.util.Arrays;
import java.util.Random;

/**
 * Adversarial key sets for the indexes: uniform, lognormal, clustered, dense sequential, huge gaps,
 * negative keys, the extremes of a long, and many repeats. Keys are signed longs as SQL sees them;
 * {@link #sortable} gives their order-preserving unsigned form (KeyCodec's: sign bit flipped).
 */
enum KeyDistributions {
    UNIFORM, LOGNORMAL, CLUSTERED, DENSE, HUGE_GAPS, NEGATIVE, EXTREMES, REPEATS;

    /** {@code n} keys (distinct except for REPEATS), sorted as signed longs. */
    long[] keys(int n, long seed) {
        Random r = new Random(seed);
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
            k[i] = switch (this) {
                case UNIFORM -> r.nextLong();
                case LOGNORMAL -> (long) Math.exp(10 + 4 * r.nextGaussian());
                case CLUSTERED -> (long) (r.nextInt(20)) * 1_000_000_000_000L + r.nextInt(5000) * 7L;
                case DENSE -> i;
                case HUGE_GAPS -> i % 3 == 0 ? r.nextInt(1000) : i % 3 == 1 ? (1L << 60) + r.nextInt(1000) : Long.MAX_VALUE - r.nextInt(100_000);
                case NEGATIVE -> -1 - (long) Math.abs(r.nextGaussian() * 1e9);
                case EXTREMES -> i % 2 == 0 ? Long.MIN_VALUE + r.nextInt(n) : Long.MAX_VALUE - r.nextInt(n);
                case REPEATS -> r.nextInt(Math.max(1, n / 50));
            };
        }
        Arrays.sort(k);
        if (this != REPEATS) {
            k = Arrays.stream(k).distinct().toArray();
        }
        return k;
    }

    static long sortable(long signed) {
        return signed ^ Long.MIN_VALUE;
    }
}

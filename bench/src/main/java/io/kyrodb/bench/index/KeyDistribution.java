package io.kyrodb.bench.index;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * The key sets of the learned-index measurements: {@code n} distinct signed 64-bit keys, sorted, the
 * same for a seed on every run. They follow the shapes of the engine's test distributions
 * ({@code KeyDistributions}), scaled so that 10M draws stay (nearly) distinct:
 * <ul>
 *   <li>UNIFORM: any long;</li>
 *   <li>LOGNORMAL: {@code 1e9 * exp(2 g)}, g standard normal (SOSD's lognormal(0, 2)); the engine's
 *       {@code exp(10 + 4 g)} has only ~10^5 distinct values below its median, too few for 10M keys;</li>
 *   <li>CLUSTERED: 20 clusters 10^12 apart, keys on a stride-7 grid of {@code n/10} slots in each (the
 *       engine's {@code nextInt(20) * 1e12 + nextInt(5000) * 7}, with wider clusters);</li>
 *   <li>DENSE: 0 .. n-1.</li>
 * </ul>
 * Draws that repeat are replaced by more draws, and a surplus is dropped at seeded random places, so
 * the set has exactly {@code n} keys without cutting off either end of the distribution.
 */
public enum KeyDistribution {
    UNIFORM, LOGNORMAL, CLUSTERED, DENSE;

    /** One key from this distribution (DENSE has none: its keys are 0 .. n-1). */
    long draw(SplittableRandom r, int n) {
        return switch (this) {
            case UNIFORM -> r.nextLong();
            case LOGNORMAL -> (long) (1e9 * Math.exp(2 * r.nextGaussian()));
            case CLUSTERED -> r.nextInt(20) * 1_000_000_000_000L + r.nextLong(Math.max(10, n / 10)) * 7L;
            case DENSE -> throw new IllegalStateException("DENSE keys are not drawn");
        };
    }

    /** {@code n} distinct keys, ascending (signed order). */
    public long[] keys(int n, long seed) {
        if (this == DENSE) {
            long[] k = new long[n];
            for (int i = 0; i < n; i++) {
                k[i] = i;
            }
            return k;
        }
        SplittableRandom r = new SplittableRandom(seed);
        long[] k = new long[n];
        int have = 0;
        while (have < n) {
            int want = n - have + (n - have) / 16 + 16;   // a few spare draws for the repeats
            long[] more = Arrays.copyOf(k, have + want);
            for (int i = have; i < more.length; i++) {
                more[i] = draw(r, n);
            }
            Arrays.sort(more);
            int distinct = 0;
            for (int i = 0; i < more.length; i++) {
                if (i == 0 || more[i] != more[i - 1]) {
                    more[distinct++] = more[i];
                }
            }
            k = more;
            have = distinct;
        }
        return dropSurplus(k, have, n, r);
    }

    /** The first {@code have} (sorted, distinct) keys of {@code k} less {@code have - n} chosen at random. */
    private static long[] dropSurplus(long[] k, int have, int n, SplittableRandom r) {
        BitSet drop = new BitSet(have);
        for (int dropped = 0; dropped < have - n; ) {
            int i = r.nextInt(have);
            if (!drop.get(i)) {
                drop.set(i);
                dropped++;
            }
        }
        long[] out = new long[n];
        int j = 0;
        for (int i = 0; i < have; i++) {
            if (!drop.get(i)) {
                out[j++] = k[i];
            }
        }
        return out;
    }

    /**
     * A key that is not in {@code sorted} (ascending, distinct, from this distribution): a fresh draw
     * from the distribution, or for DENSE, which has no gaps, a key just outside either end.
     */
    public long miss(long[] sorted, SplittableRandom r) {
        if (this == DENSE) {
            long below = sorted[0] - 1 - r.nextInt(sorted.length);
            long above = sorted[sorted.length - 1] + 1 + r.nextInt(sorted.length);
            return r.nextBoolean() ? below : above;
        }
        while (true) {
            long k = draw(r, sorted.length);
            if (Arrays.binarySearch(sorted, k) < 0) {
                return k;
            }
        }
    }

    public static KeyDistribution parse(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}

package io.kyrodb.bench.index;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded point lookups over a key set and their answers: keys drawn uniformly from the set, and a
 * share of misses (keys the set does not hold, drawn from the same distribution). An answer is the
 * key's position in the sorted set, or -1 for a miss; every structure must give the same.
 *
 * @param keys     the queried keys (signed), in the order they are asked
 * @param expected the position of each in the sorted set, or -1
 */
public record Queries(long[] keys, int[] expected) {

    public static Queries of(KeyDistribution dist, long[] sorted, int count, double missShare, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] q = new long[count];
        int[] e = new int[count];
        for (int i = 0; i < count; i++) {
            if (r.nextDouble() < missShare) {
                q[i] = dist.miss(sorted, r);
                e[i] = -1;
            } else {
                e[i] = r.nextInt(sorted.length);
                q[i] = sorted[e[i]];
            }
        }
        return new Queries(q, e);
    }

    /** Checks {@code index} against the expected answers: throws at the first wrong one. */
    public void verify(String what, PositionIndex index) {
        for (int i = 0; i < keys.length; i++) {
            int got = index.find(keys[i]);
            if (got != expected[i]) {
                throw new IllegalStateException(what + " answered " + got + " for key " + keys[i] + " (query " + i
                        + "), binary search " + expected[i]);
            }
        }
    }

    /** The sum of the expected answers, what a benchmark's result over all queries adds up to. */
    public long expectedSum() {
        return Arrays.stream(expected).asLongStream().sum();
    }

    /** The expected answer, {@link java.util.Arrays#binarySearch} mapped to position or -1. */
    public static int answer(long[] sorted, long key) {
        int i = Arrays.binarySearch(sorted, key);
        return i >= 0 ? i : -1;
    }
}

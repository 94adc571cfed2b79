package io.kyrodb.bench.index;

import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.run.PgmModel;

/**
 * NOT the product: a prototype of a change suggested for {@link PgmModel}'s lookup, timed beside it
 * to show where its time goes. It reads a built model's segments back from the model's own encoding
 * ({@link PgmModel#writeTo}), so it predicts with exactly the same segments, and changes only how a
 * lookup walks them:
 * <ol>
 *   <li>each level is one array of {@code (key, position, slope bits)} triples instead of three
 *       parallel arrays, so a segment's fields share a cache line;</li>
 *   <li>the search of a window (the top level, each level's epsilon window of segment keys, and the
 *       keys' window) counts the keys below the query over the whole window, branch-free, instead of
 *       a binary search: the window's cache lines are loaded in parallel rather than one dependent
 *       miss after another, and there is no mispredicted branch per step;</li>
 *   <li>no {@code long[]} is allocated for the window.</li>
 * </ol>
 * An answer on a window's edge falls back to a search that widens it, as the product does.
 */
public final class PgmSearchPrototype implements PositionIndex {
    private final int epsilon;
    private final long count;
    private final long[][] levels;   // levels[l] = key0, pos0, slope0, key1, ...; levels[0] models the keys
    private final long[] keys;       // unsigned order

    public PgmSearchPrototype(LearnedArrayIndex product, long[] unsignedKeys) {
        ByteWriter w = new ByteWriter();
        product.model().writeTo(w);
        ByteReader in = new ByteReader(w.toByteArray());
        this.epsilon = in.u16();
        this.count = in.u64();
        int n = in.u32();
        this.levels = new long[n][];
        for (int l = 0; l < n; l++) {
            int segs = in.u32();
            long[] a = new long[segs * 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = in.u64();
            }
            levels[l] = a;
        }
        this.keys = unsignedKeys;
    }

    @Override
    public int find(long key) {
        long u = key ^ Long.MIN_VALUE;
        int i = lowerBound(u);
        return i < keys.length && keys[i] == u ? i : -1;
    }

    @Override
    public long keyAt(int position) {
        return keys[position];
    }

    int lowerBound(long key) {
        long[] k = keys;
        long p = predict(key);
        int lo = (int) Math.max(0, p - epsilon - 1);
        int hi = (int) Math.min(k.length, p + epsilon + 1);   // the answer is in [lo, hi]
        int c = 0;
        for (int i = lo; i < hi; i++) {
            c += Long.compareUnsigned(k[i], key) < 0 ? 1 : 0;
        }
        int at = lo + c;
        if ((c == 0 && lo > 0 && Long.compareUnsigned(k[lo - 1], key) >= 0)
                || (at == hi && hi < k.length && Long.compareUnsigned(k[hi], key) < 0)) {
            return widened(key);
        }
        return at;
    }

    private int widened(long key) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(keys[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    long predict(long key) {
        if (levels.length == 0) {
            return 0;
        }
        int top = levels.length - 1;
        int segment = lastAtOrBefore(levels[top], 0, levels[top].length / 3 - 1, key);
        for (int l = top; l > 0; l--) {
            long[] lower = levels[l - 1];
            int lowerSize = lower.length / 3;
            long p = segPredict(levels[l], segment, key, lowerSize - 1L);
            int lo = (int) Math.max(0, p - epsilon - 1);
            int hi = (int) Math.min(lowerSize - 1, p + epsilon + 1);
            segment = lastAtOrBefore(lower, lo, hi, key);
            boolean edge = (segment == lo && lo > 0 && Long.compareUnsigned(lower[lo * 3], key) > 0)
                    || (segment == hi && hi < lowerSize - 1 && Long.compareUnsigned(lower[(hi + 1) * 3], key) <= 0);
            if (edge) {
                segment = lastAtOrBefore(lower, 0, lowerSize - 1, key);   // rare: search the whole level
            }
        }
        return segPredict(levels[0], segment, key, count);
    }

    /** The last segment in [lo, hi] whose key is <= key (unsigned), or lo: a branch-free count. */
    private static int lastAtOrBefore(long[] a, int lo, int hi, long key) {
        int c = 0;
        for (int i = lo; i <= hi; i++) {
            c += Long.compareUnsigned(a[i * 3], key) <= 0 ? 1 : 0;
        }
        return Math.max(lo, lo + c - 1);
    }

    /** The product's {@code Level.predict}, over the triple layout. */
    private static long segPredict(long[] a, int s, long key, long end) {
        long x0 = a[s * 3];
        long y0 = a[s * 3 + 1];
        if (Long.compareUnsigned(key, x0) <= 0) {
            return y0;
        }
        long limit = (s + 1) * 3 < a.length ? a[(s + 1) * 3 + 1] : end;
        double d = (double) ((key - x0) >>> 1) * 2.0 + ((key - x0) & 1);
        double p = y0 + Double.longBitsToDouble(a[s * 3 + 2]) * d;
        return p >= limit ? limit : Math.max(y0, (long) p);
    }

    @Override
    public long indexBytes() {
        long n = 64;
        for (long[] l : levels) {
            n += 16 + 8L * l.length;
        }
        return n;
    }
}

package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;

import java.util.Arrays;

/**
 * An error-bounded piecewise linear model of where keys sit in a sorted sequence (the PGM index's
 * idea, Ferragina and Vinciguerra, VLDB 2020): for every key it was built from, the predicted
 * position is within {@code epsilon} of the key's first position. Keys are unsigned 64-bit values
 * (the first 8 bytes of an encoded key, {@code KeyCodec.prefix}); a key may repeat (several
 * versions of a row, or full keys that share 8 bytes), and its first position is what is modelled.
 *
 * <p>Built in one pass with the shrinking-cone algorithm: a segment grows while some slope keeps
 * every point within epsilon; segment starts are searched through a small recursive model of
 * their own, so a lookup is a few multiply-adds and short searches in arrays that fit in cache.
 *
 * <p>A query key between two modelled keys is predicted between their predictions, so the first
 * position at or after it lies within epsilon + 1 of the prediction unless a key before it repeats
 * many times; {@link #window} gives that window and callers that find their answer on its edge
 * widen it (the answer is then always found, just with more comparisons).
 *
 * <p>Encoding (big-endian): u16 epsilon | u16 epsilonRecursive | u64 positions | u32 levels |
 * per level, lowest first: u32 segments | (u64 key | u64 position | f64 slope)*. The lowest level
 * keeps predictions within epsilon, the levels above within epsilonRecursive (4). Immutable;
 * thread-safe.
 */
public final class PgmModel {
    /** Below this many segments a level is searched directly instead of modelled again. */
    private static final int TOP = 32;
    /** The error bound of the levels above the lowest: small, so each step down scans a few segments. */
    static final int EPSILON_RECURSIVE = 4;

    private final int epsilon;
    private final int epsilonRecursive;
    private final long count;          // positions are 0 .. count-1
    /**
     * levels[0] models the keys; levels[i+1] models the segment starts of levels[i]. A level is one
     * array of (first key, first position, slope bits) triples, so predicting touches one place.
     */
    private final long[][] levels;

    private PgmModel(int epsilon, int epsilonRecursive, long count, long[][] levels) {
        this.epsilon = epsilon;
        this.epsilonRecursive = epsilonRecursive;
        this.count = count;
        this.levels = levels;
    }

    private static int size(long[] level) {
        return level.length / 3;
    }

    /**
     * Segment {@code s}'s prediction for {@code key}, kept between its first position and the next
     * segment's ({@code end} for the last): whatever the line says across a gap in the keys, a key
     * in this segment's range sits between those two.
     */
    private static long predict(long[] level, int s, long key, long end) {
        int at = 3 * s;
        long x0 = level[at];
        long y0 = level[at + 1];
        if (Long.compareUnsigned(key, x0) <= 0) {
            return y0;
        }
        long limit = at + 3 < level.length ? level[at + 4] : end;
        double p = y0 + Double.longBitsToDouble(level[at + 2]) * unsignedToDouble(key - x0);
        return p >= limit ? limit : Math.max(y0, (long) p);
    }

    /**
     * The last segment of {@code level} whose first key is at or before {@code key} (0 if none),
     * scanning from the predicted {@code guess}: a step or two when the level above was right, and
     * the loads are independent of each other, unlike a binary search's.
     */
    private static int segmentFrom(long[] level, int guess, long key) {
        int n = size(level);
        int s = Math.max(0, Math.min(n - 1, guess));
        if (Long.compareUnsigned(level[3 * s], key) <= 0) {
            while (s + 1 < n && Long.compareUnsigned(level[3 * (s + 1)], key) <= 0) {
                s++;
            }
        } else {
            while (s > 0 && Long.compareUnsigned(level[3 * s], key) > 0) {
                s--;
            }
        }
        return s;
    }

    public int epsilon() {
        return epsilon;
    }

    /** How many positions the model covers. */
    public long count() {
        return count;
    }

    /** Segments of the lowest level (a measure of how hard the keys were to model). */
    public int segments() {
        return levels.length == 0 ? 0 : size(levels[0]);
    }

    /** The number of levels, the bottom one (which models the keys) included. */
    public int levels() {
        return levels.length;
    }

    /** Heap bytes: 24 per segment over all levels, and the objects. */
    public long memoryBytes() {
        long n = 64;
        for (long[] l : levels) {
            n += 16 + 8L * l.length;
        }
        return n;
    }

    /**
     * The positions, within [0, count], between which the first position at or after {@code key}
     * lies if the keys before it do not repeat much: [lo, hi] inclusive.
     */
    public long[] window(long key) {
        long p = predict(key);
        return new long[]{Math.max(0, p - epsilon - 1), Math.min(count, p + epsilon + 1)};
    }

    /**
     * The first index i with {@code keys[i] >= key} (unsigned), or {@code keys.length}, for the
     * sorted keys this model was built from: a scan outward from the prediction (epsilon steps at
     * most when the key was modelled, and independent loads the CPU overlaps), which turns into a
     * doubling search if it runs long (a query key far from every modelled one).
     */
    public int lowerBound(long[] keys, long key) {
        int n = keys.length;
        if (n == 0) {
            return 0;
        }
        int p = (int) Math.min(n - 1, predict(key));
        int limit = 2 * epsilon + 2;
        if (Long.compareUnsigned(keys[p], key) < 0) {
            // The answer is after p.
            int i = p + 1;
            int end = Math.min(n, p + limit);
            while (i < end && Long.compareUnsigned(keys[i], key) < 0) {
                i++;
            }
            if (i < end || i == n) {
                return i;
            }
            return gallop(keys, key, i - 1, n, +1);
        }
        // keys[p] >= key: the answer is p or before.
        int i = p;
        int end = Math.max(0, p - limit);
        while (i > end && Long.compareUnsigned(keys[i - 1], key) >= 0) {
            i--;
        }
        if (i > end || i == 0) {
            return i;
        }
        return gallop(keys, key, -1, i, -1);
    }

    /** The answer in (lo, hi], given keys[lo] < key (or lo = -1) and keys[hi] >= key (or hi = n), by doubling steps then bisection. */
    private static int gallop(long[] keys, long key, int lo, int hi, int direction) {
        int step = 1;
        if (direction > 0) {
            int b = lo;   // keys[b] < key
            while (b + step < hi && Long.compareUnsigned(keys[b + step], key) < 0) {
                lo = b + step;
                step <<= 1;
            }
            hi = Math.min(hi, b + step);
        } else {
            int b = hi;   // keys[b] >= key
            while (b - step > lo && Long.compareUnsigned(keys[b - step], key) >= 0) {
                hi = b - step;
                step <<= 1;
            }
            lo = Math.max(lo, b - step);
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(keys[mid], key) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** The predicted position of {@code key} (its first position if it was modelled). */
    public long predict(long key) {
        if (levels.length == 0) {
            return 0;
        }
        int top = levels.length - 1;
        int s = segmentFrom(levels[top], 0, key);
        for (int l = top; l > 0; l--) {
            long[] lower = levels[l - 1];
            long p = predict(levels[l], s, key, size(lower) - 1L);
            s = segmentFrom(lower, (int) p, key);
        }
        return predict(levels[0], s, key, count);
    }

    static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    /**
     * Builds a model from keys given in ascending unsigned order with their positions (ascending;
     * a repeated key keeps the position it was first given at).
     */
    public static final class Builder {
        private final int epsilon;
        private final SegmentBuilder base;
        private long count;

        public Builder(int epsilon) {
            if (epsilon < 1 || epsilon > 1 << 14) {
                throw new IllegalArgumentException("epsilon must be between 1 and 16384, not " + epsilon);
            }
            this.epsilon = epsilon;
            this.base = new SegmentBuilder(epsilon);
        }

        /** Adds {@code key} at {@code position}; positions must grow by one for every call. */
        public void add(long key) {
            base.add(key, count++);
        }

        public PgmModel build() {
            java.util.List<long[]> levels = new java.util.ArrayList<>();
            long[] level = base.finish();
            if (size(level) == 0) {
                return new PgmModel(epsilon, EPSILON_RECURSIVE, count, new long[0][]);
            }
            levels.add(level);
            while (size(level) > TOP) {
                SegmentBuilder up = new SegmentBuilder(EPSILON_RECURSIVE);
                for (int i = 0; i < size(level); i++) {
                    up.add(level[3 * i], i);
                }
                level = up.finish();
                levels.add(level);
            }
            return new PgmModel(epsilon, EPSILON_RECURSIVE, count, levels.toArray(long[][]::new));
        }
    }

    /** The shrinking cone: one pass, a segment per run of points some line keeps within epsilon. */
    private static final class SegmentBuilder {
        private final int epsilon;
        private long[] keys = new long[16];
        private long[] positions = new long[16];
        private double[] slopes = new double[16];
        private int n;
        private boolean open;
        private long x0;
        private long y0;
        private long lastKey;
        private double slopeLo;
        private double slopeHi;

        SegmentBuilder(int epsilon) {
            this.epsilon = epsilon;
        }

        void add(long key, long position) {
            if (open) {
                int c = Long.compareUnsigned(key, lastKey);
                if (c < 0) {
                    throw new IllegalArgumentException("keys must come in ascending order");
                }
                if (c == 0) {
                    return;   // a repeated key: its first position is the one modelled
                }
                double dx = unsignedToDouble(key - x0);
                double lo = (position - epsilon - y0) / dx;
                double hi = (position + epsilon - y0) / dx;
                if (lo <= slopeHi && hi >= slopeLo) {
                    slopeLo = Math.max(slopeLo, lo);
                    slopeHi = Math.min(slopeHi, hi);
                    lastKey = key;
                    return;
                }
                close();
            }
            open = true;
            x0 = key;
            y0 = position;
            lastKey = key;
            slopeLo = 0;
            slopeHi = Double.POSITIVE_INFINITY;
        }

        private void close() {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                positions = Arrays.copyOf(positions, n * 2);
                slopes = Arrays.copyOf(slopes, n * 2);
            }
            keys[n] = x0;
            positions[n] = y0;
            slopes[n] = slopeHi == Double.POSITIVE_INFINITY ? 0 : (slopeLo + slopeHi) / 2;
            n++;
        }

        long[] finish() {
            if (open) {
                close();
                open = false;
            }
            long[] level = new long[3 * n];
            for (int i = 0; i < n; i++) {
                level[3 * i] = keys[i];
                level[3 * i + 1] = positions[i];
                level[3 * i + 2] = Double.doubleToRawLongBits(slopes[i]);
            }
            return level;
        }
    }

    // ---- Encoding --------------------------------------------------------------------------------

    public void writeTo(ByteWriter out) {
        out.u16(epsilon).u16(epsilonRecursive).u64(count).u32(levels.length);
        for (long[] l : levels) {
            out.u32(size(l));
            for (long v : l) {
                out.u64(v);
            }
        }
    }

    public static PgmModel read(ByteReader in) {
        int at = in.position();
        int epsilon = in.u16();
        int epsilonRecursive = in.u16();
        long count = in.u64();
        int nLevels = in.u32();
        if (epsilon < 1 || epsilonRecursive < 1 || count < 0 || nLevels < 0 || nLevels > 64) {
            throw new FormatException(at, "model with epsilon " + epsilon + "/" + epsilonRecursive + ", " + count
                    + " positions, " + nLevels + " levels");
        }
        long[][] levels = new long[nLevels][];
        for (int l = 0; l < nLevels; l++) {
            int segAt = in.position();
            int n = in.u32();
            if (n < 1 || (long) n * 24 > in.remaining()) {
                throw new FormatException(segAt, "model level of " + n + " segments does not fit");
            }
            long[] level = new long[3 * n];
            for (int i = 0; i < n; i++) {
                level[3 * i] = in.u64();
                level[3 * i + 1] = in.u64();
                level[3 * i + 2] = in.u64();
                double slope = Double.longBitsToDouble(level[3 * i + 2]);
                if (i > 0 && Long.compareUnsigned(level[3 * i], level[3 * i - 3]) <= 0) {
                    throw new FormatException(in.position() - 24, "model segments out of order");
                }
                if (!(slope >= 0) || level[3 * i + 1] < 0) {
                    throw new FormatException(in.position() - 16, "model segment with slope " + slope
                            + " at position " + level[3 * i + 1]);
                }
            }
            levels[l] = level;
        }
        return new PgmModel(epsilon, epsilonRecursive, count, levels);
    }
}

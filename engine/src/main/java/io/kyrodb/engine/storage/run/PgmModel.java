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
 * <p>Encoding (big-endian): u16 epsilon | u32 levels | per level, lowest first: u32 segments |
 * (u64 key | u64 position | f64 slope)*. Immutable; thread-safe.
 */
public final class PgmModel {
    /** Below this many segments a level is searched directly instead of modelled again. */
    private static final int TOP = 32;

    private final int epsilon;
    private final long count;          // positions are 0 .. count-1
    /** levels[0] models the keys; levels[i+1] models levels[i]'s segment keys. */
    private final Level[] levels;

    /** One level: segment i covers keys from firstKey[i] (inclusive) on, predicting y0 + slope*(x - x0). */
    private record Level(long[] firstKey, long[] firstPosition, double[] slope) {
        int size() {
            return firstKey.length;
        }

        /**
         * Segment {@code segment}'s prediction for {@code key}, kept between its first position and
         * the next segment's ({@code end} for the last): whatever the line says across a gap in the
         * keys, a key in this segment's range sits between those two.
         */
        long predict(int segment, long key, long end) {
            long y0 = firstPosition[segment];
            if (Long.compareUnsigned(key, firstKey[segment]) <= 0) {
                return y0;
            }
            long limit = segment + 1 < firstKey.length ? firstPosition[segment + 1] : end;
            double p = y0 + slope[segment] * unsignedToDouble(key - firstKey[segment]);
            return p >= limit ? limit : Math.max(y0, (long) p);
        }
    }

    private PgmModel(int epsilon, long count, Level[] levels) {
        this.epsilon = epsilon;
        this.count = count;
        this.levels = levels;
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
        return levels.length == 0 ? 0 : levels[0].size();
    }

    /** Heap bytes: 24 per segment over all levels, and the objects. */
    public long memoryBytes() {
        long n = 64;
        for (Level l : levels) {
            n += 48 + 24L * l.size();
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
     * sorted keys this model was built from: a search of the prediction's window only, widened
     * when the answer lies on its edge.
     */
    public int lowerBound(long[] keys, long key) {
        long[] w = window(key);
        int lo = (int) w[0];
        int hi = (int) Math.min(w[1], keys.length);
        // Widen until keys[lo-1] < key <= keys[hi] (the answer is in [lo, hi]).
        while (lo > 0 && Long.compareUnsigned(keys[lo - 1], key) >= 0) {
            lo = Math.max(0, lo - 2 * (hi - lo + 1));
        }
        while (hi < keys.length && Long.compareUnsigned(keys[hi], key) < 0) {
            hi = Math.min(keys.length, hi + 2 * (hi - lo + 1));
        }
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

    /** The predicted position of {@code key} (its first position if it was modelled). */
    public long predict(long key) {
        if (levels.length == 0) {
            return 0;
        }
        // From the top: each level's prediction narrows the search for the segment below.
        int top = levels.length - 1;
        int segment = lastAtOrBefore(levels[top].firstKey, 0, levels[top].size() - 1, key);
        for (int l = top; l > 0; l--) {
            Level upper = levels[l];
            Level lower = levels[l - 1];
            long p = upper.predict(segment, key, lower.size() - 1L);
            int lo = (int) Math.max(0, p - epsilon - 1);
            int hi = (int) Math.min(lower.size() - 1, p + epsilon + 1);
            segment = lastAtOrBeforeWidening(lower.firstKey, lo, hi, key);
        }
        return levels[0].predict(segment, key, count);
    }

    /** The last index i in [lo, hi] with a[i] <= key (unsigned), or lo if there is none. */
    private static int lastAtOrBefore(long[] a, int lo, int hi, long key) {
        if (Long.compareUnsigned(a[lo], key) > 0) {
            return lo;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (Long.compareUnsigned(a[mid], key) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** {@link #lastAtOrBefore} on a window that may be too narrow: widens it until the answer is inside. */
    private static int lastAtOrBeforeWidening(long[] a, int lo, int hi, long key) {
        while (lo > 0 && Long.compareUnsigned(a[lo], key) > 0) {
            lo = Math.max(0, lo - Math.max(1, hi - lo) * 2);
        }
        while (hi < a.length - 1 && Long.compareUnsigned(a[hi + 1], key) <= 0) {
            hi = Math.min(a.length - 1, hi + Math.max(1, hi - lo) * 2);
        }
        return lastAtOrBefore(a, lo, hi, key);
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
            java.util.List<Level> levels = new java.util.ArrayList<>();
            Level level = base.finish();
            if (level.size() == 0) {
                return new PgmModel(epsilon, count, new Level[0]);
            }
            levels.add(level);
            while (level.size() > TOP) {
                SegmentBuilder up = new SegmentBuilder(epsilon);
                for (int i = 0; i < level.size(); i++) {
                    up.add(level.firstKey()[i], i);
                }
                level = up.finish();
                levels.add(level);
            }
            return new PgmModel(epsilon, count, levels.toArray(Level[]::new));
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

        Level finish() {
            if (open) {
                close();
                open = false;
            }
            return new Level(Arrays.copyOf(keys, n), Arrays.copyOf(positions, n), Arrays.copyOf(slopes, n));
        }
    }

    // ---- Encoding --------------------------------------------------------------------------------

    public void writeTo(ByteWriter out) {
        out.u16(epsilon).u64(count).u32(levels.length);
        for (Level l : levels) {
            out.u32(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.u64(l.firstKey()[i]).u64(l.firstPosition()[i]).u64(Double.doubleToRawLongBits(l.slope()[i]));
            }
        }
    }

    public static PgmModel read(ByteReader in) {
        int at = in.position();
        int epsilon = in.u16();
        long count = in.u64();
        int nLevels = in.u32();
        if (epsilon < 1 || count < 0 || nLevels < 0 || nLevels > 64) {
            throw new FormatException(at, "model with epsilon " + epsilon + ", " + count + " positions, " + nLevels
                    + " levels");
        }
        Level[] levels = new Level[nLevels];
        for (int l = 0; l < nLevels; l++) {
            int segAt = in.position();
            int n = in.u32();
            if (n < 1 || (long) n * 24 > in.remaining()) {
                throw new FormatException(segAt, "model level of " + n + " segments does not fit");
            }
            long[] keys = new long[n];
            long[] positions = new long[n];
            double[] slopes = new double[n];
            for (int i = 0; i < n; i++) {
                keys[i] = in.u64();
                positions[i] = in.u64();
                slopes[i] = Double.longBitsToDouble(in.u64());
                if (i > 0 && Long.compareUnsigned(keys[i], keys[i - 1]) <= 0) {
                    throw new FormatException(in.position() - 24, "model segments out of order");
                }
                if (!(slopes[i] >= 0) || positions[i] < 0) {
                    throw new FormatException(in.position() - 16, "model segment with slope " + slopes[i]
                            + " at position " + positions[i]);
                }
            }
            levels[l] = new Level(keys, positions, slopes);
        }
        return new PgmModel(epsilon, count, levels);
    }
}

package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.types.HeapSize;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares equal values among the rows of a block decoded for the cache ({@link Run}'s rows kept
 * with their block): small integers are one instance each for the whole process, and a short
 * string repeated in the block (a status, a category) is one instance for the block. Decoded rows
 * take less heap, and a scan that reads a column touches a few hot objects instead of one per row.
 * Values are immutable, so sharing changes nothing a reader can see.
 */
final class SharedValues {
    /**
     * Integers in [{@link #LOW}, {@link #HIGH}) are shared process-wide, all made together when
     * this class is first used, so they sit side by side on the heap (about 264 KB, a few cache
     * lines apart for nearby values). Made on first use instead, each one lived next to whichever
     * row first held it, anywhere on the heap, and reading an integer column of cached rows cost a
     * cache miss a row: summing the customer ids of 250,000 cached orders took 32-55 ms of CPU in
     * three JVMs, 21-26 ms with the integers made together.
     */
    private static final int LOW = -128;
    private static final int HIGH = 16_384;
    private static final Integer[] INTEGERS = new Integer[HIGH - LOW];

    static {
        for (int v = LOW; v < HIGH; v++) {
            INTEGERS[v - LOW] = Integer.valueOf(v);
        }
    }
    /** Strings up to this length are shared within a block; longer ones are rarely repeated. */
    private static final int SHORT = 24;

    private final Map<String, String> strings = new HashMap<>();
    /** The heap the rows shared so far hold of their own (see {@link #bytes}). */
    private long bytes;

    /** {@code row} with each shareable value replaced by its shared instance (in place). */
    Object[] share(Object[] row) {
        long size = HeapSize.array(row.length);
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v instanceof Integer x) {
                Integer shared = integer(x);
                row[i] = shared;
                if (!inRange(x)) {
                    size += HeapSize.of(x);
                }
            } else if (v instanceof String s && s.length() <= SHORT) {
                String shared = strings.putIfAbsent(s, s);
                if (shared != null) {
                    row[i] = shared;
                } else {
                    size += HeapSize.of(s);
                }
            } else {
                size += HeapSize.of(v);
            }
        }
        bytes += size;
        return row;
    }

    /**
     * The heap the rows shared so far hold of their own: their arrays and values, a string the
     * block shares once, a process-wide integer not at all (those are at most 16,512 objects for
     * the whole process). Counting each reference as its own object, as {@link HeapSize#of(Object[])}
     * does, counted a block of orders 2.7 times its size and so cached that much less.
     */
    long bytes() {
        return bytes;
    }

    private static boolean inRange(int v) {
        return v >= LOW && v < HIGH;
    }

    /** The shared instance of {@code x} when it is in range, else {@code x}. */
    private static Integer integer(Integer x) {
        int v = x;
        return inRange(v) ? INTEGERS[v - LOW] : x;
    }
}

package io.kyrodb.bench.index;

/**
 * A point-lookup structure over a sorted set of distinct signed 64-bit keys: the position of a key
 * in the set, or -1 when the set does not hold it. The benchmarks call each implementation through
 * its own class (no interface call in the timed loop); this interface is for setup checks and tests.
 */
public interface PositionIndex {
    int find(long key);

    /**
     * The key stored at {@code position} in this structure's own copy of the keys (the line the
     * lookup that answered {@code position} just read): the benchmarks make each lookup wait for it.
     */
    long keyAt(int position);

    /** Heap bytes of the structure beyond the sorted keys it searches (0 when it is only the keys). */
    long indexBytes();
}

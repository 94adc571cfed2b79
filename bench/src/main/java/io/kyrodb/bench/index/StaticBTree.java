package io.kyrodb.bench.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The classical baseline: a static in-memory B+tree of 16-key nodes, built bottom-up over the sorted
 * keys. The leaves are the keys in 16-key nodes; each inner level holds the first key of every node
 * of the level below, 16 to a node, up to a root of at most 16 keys. A search counts, in one node a
 * level, the keys at or below the query (branch-free, all 16: one or two cache lines) and descends.
 * It stands for the product's {@code pk_index=btree}, a search of the blocks' fence keys.
 *
 * <p>Every level is padded to whole nodes with {@code Long.MAX_VALUE}; a count that runs into the
 * padding is cut back to the level's last real key, so a real key of that value is still found.
 */
public final class StaticBTree implements PositionIndex {
    public static final int FANOUT = 16;

    /** levels[0] is the leaves (the keys); levels[i+1] the first key of each node of levels[i]. */
    private final long[][] levels;
    private final int[] lengths;   // real keys in each level, before the padding

    public StaticBTree(long[] sortedKeys) {
        List<long[]> ls = new ArrayList<>();
        List<Integer> lens = new ArrayList<>();
        long[] level = sortedKeys;
        int len = sortedKeys.length;
        while (true) {
            ls.add(padded(level, len));
            lens.add(len);
            if (len <= FANOUT) {
                break;
            }
            int up = (len + FANOUT - 1) / FANOUT;
            long[] next = new long[up];
            for (int i = 0; i < up; i++) {
                next[i] = level[i * FANOUT];
            }
            level = next;
            len = up;
        }
        this.levels = ls.toArray(long[][]::new);
        this.lengths = lens.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long[] padded(long[] a, int len) {
        long[] p = Arrays.copyOf(a, Math.max(FANOUT, (len + FANOUT - 1) / FANOUT * FANOUT));
        Arrays.fill(p, len, p.length, Long.MAX_VALUE);
        return p;
    }

    @Override
    public int find(long key) {
        int node = 0;   // node index in the current level
        int pos = -1;
        for (int l = levels.length - 1; l >= 0; l--) {
            long[] a = levels[l];
            int base = node * FANOUT;
            int c = 0;
            for (int i = 0; i < FANOUT; i++) {
                c += a[base + i] <= key ? 1 : 0;
            }
            if (c == 0) {
                return -1;   // below the node's first key: below every key of the tree
            }
            pos = Math.min(base + c - 1, lengths[l] - 1);
            node = pos;
        }
        return levels[0][pos] == key ? pos : -1;
    }

    @Override
    public long keyAt(int position) {
        return levels[0][position];
    }

    /** The inner levels (the leaves are the keys themselves, plus at most 15 padding slots). */
    @Override
    public long indexBytes() {
        long n = 16L + 16L * levels.length;
        for (int l = 1; l < levels.length; l++) {
            n += 16L + 8L * levels[l].length;
        }
        return n;
    }

    public int height() {
        return levels.length;
    }
}

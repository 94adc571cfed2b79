package io.kyrodb.bench.index;

import io.kyrodb.engine.storage.run.PgmModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A MODEL of the engine's storage structure for the mixed workload, in memory and keys only: not
 * the engine. Writes land in a small mutable buffer (the memtable's part: an open-addressing hash
 * set here, not a skip list); a full buffer becomes a sorted immutable array with the product's
 * {@link PgmModel} and a Bloom filter (a run), and runs are merged by the logarithmic method: the
 * new run absorbs the newest run while that run is no larger than it, so runs double in size from
 * newest to oldest and there are about log2(keys / buffer) of them. A lookup checks the buffer,
 * then each run newest first, each behind its Bloom filter, and searches a run with
 * {@link PgmModel#lowerBound}. Keys sit in the runs as unsigned longs ({@code k ^ Long.MIN_VALUE}),
 * the model's order. (The engine merges size-tiered, {@code CompactionPolicy}: runs within twice
 * the newer ones' size, at least 4 at a time, at most 8 runs; this model merges eagerly instead.)
 */
public final class LearnedLsm implements KeyStore {
    private final int epsilon;
    private final int bloomBitsPerKey;
    private final LongHashBuffer buffer;
    /** Oldest first; each at least as large as the next. */
    private final List<Run> runs = new ArrayList<>();
    private Run[] newestFirst = new Run[0];
    private long size;

    /** One immutable sorted run: keys (unsigned order), its model and its filter. */
    record Run(long[] keys, PgmModel model, BlockedBloom bloom) {
        static Run of(long[] unsignedSorted, int epsilon, int bloomBitsPerKey) {
            PgmModel.Builder b = new PgmModel.Builder(epsilon);
            for (long k : unsignedSorted) {
                b.add(k);
            }
            return new Run(unsignedSorted, b.build(),
                    new BlockedBloom(unsignedSorted, 0, unsignedSorted.length, bloomBitsPerKey));
        }

        boolean contains(long u) {
            if (!bloom.mightContain(u)) {
                return false;
            }
            int i = model.lowerBound(keys, u);
            return i < keys.length && keys[i] == u;
        }
    }

    /** Loads {@code sortedKeys} (signed order, distinct) as one run, the bulk load's. */
    public LearnedLsm(long[] sortedKeys, int bufferKeys, int epsilon) {
        this(sortedKeys, bufferKeys, epsilon, BlockedBloom.BITS_PER_KEY);
    }

    public LearnedLsm(long[] sortedKeys, int bufferKeys, int epsilon, int bloomBitsPerKey) {
        this.epsilon = epsilon;
        this.bloomBitsPerKey = bloomBitsPerKey;
        this.buffer = new LongHashBuffer(bufferKeys);
        if (sortedKeys.length > 0) {
            runs.add(Run.of(LearnedArrayIndex.toUnsigned(sortedKeys), epsilon, bloomBitsPerKey));
            size = sortedKeys.length;
            refreshNewestFirst();
        }
    }

    @Override
    public void insert(long key) {
        if (contains(key)) {
            return;   // a primary key: an INSERT of a key held already is a uniqueness violation
        }
        buffer.add(key);
        size++;
        if (buffer.isFull()) {
            flush();
        }
    }

    @Override
    public boolean contains(long key) {
        if (buffer.contains(key)) {
            return true;
        }
        long u = key ^ Long.MIN_VALUE;
        for (Run r : newestFirst) {
            if (r.contains(u)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long size() {
        return size;
    }

    public int runCount() {
        return runs.size();
    }

    /** The buffer becomes a run; runs no larger than the new one are merged into it. */
    private void flush() {
        long[] k = buffer.drainSorted();
        for (int i = 0; i < k.length; i++) {
            k[i] ^= Long.MIN_VALUE;
        }
        long[] merged = k;
        while (!runs.isEmpty() && runs.getLast().keys().length <= merged.length) {
            merged = merge(runs.removeLast().keys(), merged);
        }
        runs.add(Run.of(merged, epsilon, bloomBitsPerKey));
        refreshNewestFirst();
    }

    private void refreshNewestFirst() {
        newestFirst = runs.reversed().toArray(Run[]::new);
    }

    /** Merges two sorted (unsigned), each distinct, arrays of keys; a key in both is kept once. */
    static long[] merge(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            int c = Long.compareUnsigned(a[i], b[j]);
            if (c < 0) {
                out[n++] = a[i++];
            } else if (c > 0) {
                out[n++] = b[j++];
            } else {
                out[n++] = b[j++];
                i++;
            }
        }
        while (i < a.length) {
            out[n++] = a[i++];
        }
        while (j < b.length) {
            out[n++] = b[j++];
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The write buffer: an open-addressing set of longs (linear probing), sorted when drained. */
    static final class LongHashBuffer {
        private final int capacity;
        private final long[] slots;
        private final int mask;
        private boolean hasZero;   // 0 marks an empty slot, so the key 0 is kept aside
        private int count;

        LongHashBuffer(int capacity) {
            this.capacity = capacity;
            int n = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;   // load factor <= 1/2
            this.slots = new long[n];
            this.mask = n - 1;
        }

        boolean isFull() {
            return count >= capacity;
        }

        void add(long key) {
            if (key == 0) {
                if (!hasZero) {
                    hasZero = true;
                    count++;
                }
                return;
            }
            int i = (int) BlockedBloom.mix(key) & mask;
            while (slots[i] != 0) {
                if (slots[i] == key) {
                    return;
                }
                i = (i + 1) & mask;
            }
            slots[i] = key;
            count++;
        }

        boolean contains(long key) {
            if (key == 0) {
                return hasZero;
            }
            int i = (int) BlockedBloom.mix(key) & mask;
            long s;
            while ((s = slots[i]) != 0) {
                if (s == key) {
                    return true;
                }
                i = (i + 1) & mask;
            }
            return false;
        }

        /** The keys in ascending signed order; the buffer is left empty. */
        long[] drainSorted() {
            long[] out = new long[count];
            int n = 0;
            if (hasZero) {
                out[n++] = 0;
            }
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] != 0) {
                    out[n++] = slots[i];
                    slots[i] = 0;
                }
            }
            hasZero = false;
            count = 0;
            Arrays.sort(out);
            return out;
        }
    }
}

package io.kyrodb.bench.index;

import io.kyrodb.engine.storage.run.PgmModel;

/**
 * The product's learned index, {@link PgmModel}, over the sorted keys: {@code lowerBound} searches
 * only the model's window, then the key there is compared. The model orders keys as unsigned longs,
 * so it holds the keys mapped with {@code k ^ Long.MIN_VALUE} (KeyCodec's order-preserving form);
 * positions are the same as in the signed array.
 */
public final class LearnedArrayIndex implements PositionIndex {
    private final long[] unsignedKeys;
    private final PgmModel model;

    public LearnedArrayIndex(long[] sortedSignedKeys, int epsilon) {
        this.unsignedKeys = toUnsigned(sortedSignedKeys);
        PgmModel.Builder b = new PgmModel.Builder(epsilon);
        for (long k : unsignedKeys) {
            b.add(k);
        }
        this.model = b.build();
    }

    public static long[] toUnsigned(long[] signed) {
        long[] u = new long[signed.length];
        for (int i = 0; i < signed.length; i++) {
            u[i] = signed[i] ^ Long.MIN_VALUE;
        }
        return u;
    }

    @Override
    public int find(long key) {
        long u = key ^ Long.MIN_VALUE;
        int i = model.lowerBound(unsignedKeys, u);
        return i < unsignedKeys.length && unsignedKeys[i] == u ? i : -1;
    }

    @Override
    public long keyAt(int position) {
        return unsignedKeys[position];
    }

    /** Just the model's prediction for {@code key} (to time predict apart from the search). */
    public long predict(long key) {
        return model.predict(key ^ Long.MIN_VALUE);
    }

    public PgmModel model() {
        return model;
    }

    @Override
    public long indexBytes() {
        return model.memoryBytes();
    }
}

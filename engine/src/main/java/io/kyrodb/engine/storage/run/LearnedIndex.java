package io.kyrodb.engine.storage.run;

/**
 * The learned index of a run: a {@link PgmModel} predicts the position (entry ordinal) of a key
 * from its 8 bytes after the run's shared prefix, and each block's first ordinal turns that into a
 * block. The model is off by at most epsilon positions for the keys it was built from, so the
 * block it names is the right one or a neighbour (more when many keys share those 8 bytes); the
 * run checks the block's key range and walks. Costs about 4 bytes a block plus 24 a segment.
 */
final class LearnedIndex implements RunIndex {
    private final int skip;
    private final int[] blockFirstEntry;
    private final PgmModel model;

    LearnedIndex(int skip, int[] blockFirstEntry, PgmModel model) {
        this.skip = skip;
        this.blockFirstEntry = blockFirstEntry;
        this.model = model;
    }

    @Override
    public int block(byte[] key) {
        return blockOf(position(key));
    }

    /** The predicted entry ordinal of {@code key}: within epsilon of it for a key the run holds. */
    long position(byte[] key) {
        return model.predict(RunFormat.modelKey(key, skip));
    }

    /** The ordinal of block {@code b}'s first entry. */
    int firstEntry(int b) {
        return blockFirstEntry[b];
    }

    /** The block holding entry ordinal {@code p}. */
    int blockOf(long p) {
        // The last block whose first entry is at or before p.
        int lo = 0;
        int hi = blockFirstEntry.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (blockFirstEntry[mid] <= p) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public int blockCount() {
        return blockFirstEntry.length;
    }

    @Override
    public long memoryBytes() {
        return 32L + 4L * blockFirstEntry.length + model.memoryBytes();
    }

    @Override
    public String describe() {
        return "learned, epsilon " + model.epsilon() + ", " + model.segments() + " segments";
    }

    @Override
    public long segments() {
        return model.segments();
    }

    @Override
    public int epsilon() {
        return model.epsilon();
    }

    PgmModel model() {
        return model;
    }
}

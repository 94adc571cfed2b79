package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.IoErrors;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;
import io.kyrodb.engine.storage.codec.ValueCodec;

import io.kyrodb.engine.types.TypeKind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An open, immutable run file (format: {@link RunFormat}): its index and Bloom filter on the heap,
 * its blocks read on demand with positional reads through the {@link BlockCache}. Thread-safe.
 * Opening checks the header, footer, index and filter checksums; a block's checksum is checked each
 * time it is read from the file. Every corruption is reported as XX001 naming the file and offset.
 *
 * <p>Its owner ({@code RunSet}) closes it once no reader can reach it any more.
 */
public final class Run {
    /** What {@link #get} returns for a key whose visible version is a delete. */
    public static final Object[] DELETED = new Object[0];

    private final long id;
    private final Path path;
    private final FileHandle file;
    private final BlockCache cache;
    private final RunIndex index;
    private final long[] blockOffsets;
    private final int[] blockLengths;
    private final byte[] firstKey;
    private final byte[] lastKey;
    private final BloomFilter bloom;
    private final RunStats stats;
    /** This run's entries in {@link #cache}. */
    private final BlockCache.Slots cached;
    /** The file's format version ({@link RunFormat#OLDEST_READABLE} .. {@link RunFormat#VERSION}). */
    private final int version;
    /** The key's column kinds when the run stores key rows ({@link KeyRows}), else null. */
    private final TypeKind[] keyKinds;

    private Run(long id, Path path, FileHandle file, BlockCache cache, RunIndex index, long[] blockOffsets,
                int[] blockLengths, byte[] firstKey, byte[] lastKey, BloomFilter bloom, RunStats stats, int version,
                TypeKind[] keyKinds) {
        this.id = id;
        this.version = version;
        this.keyKinds = keyKinds;
        this.path = path;
        this.file = file;
        this.cache = cache;
        this.index = index;
        this.blockOffsets = blockOffsets;
        this.blockLengths = blockLengths;
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.bloom = bloom;
        this.stats = stats;
        this.cached = new BlockCache.Slots(blockOffsets.length);
    }

    /** Opens and checks the run file {@code path} with the fence-key index (tests and tools). */
    public static Run open(FileSystem fs, Path path, long id, BlockCache cache) {
        return open(fs, path, id, cache, IndexKind.BTREE);
    }

    /** Opens and checks the run file {@code path}; its id is {@code id}; keeps {@code kind}'s index in memory. */
    public static Run open(FileSystem fs, Path path, long id, BlockCache cache, IndexKind kind) {
        FileHandle file;
        try {
            file = fs.open(path, FileSystem.OpenMode.READ);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not open run file " + RunFormat.display(path));
        }
        try {
            return read(path, id, file, cache, kind);
        } catch (IOException | RuntimeException e) {
            try {
                file.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw IoErrors.toKyro(io, "could not read run file " + RunFormat.display(path));
            }
            throw (RuntimeException) e;
        }
    }

    private static Run read(Path path, long id, FileHandle file, BlockCache cache, IndexKind kind) throws IOException {
        long size = file.size();
        if (size < RunFormat.HEADER_SIZE + RunFormat.FOOTER_SIZE) {
            throw RunFormat.corrupt(path, 0, "file of " + size + " bytes is shorter than a header and a footer");
        }
        byte[] header = readAt(file, 0, RunFormat.HEADER_SIZE);
        if (!Arrays.equals(header, 0, 8, RunFormat.MAGIC, 0, 8)) {
            throw RunFormat.corrupt(path, 0, "bad magic: not a KyroDB run file");
        }
        if (RunFormat.crc(header, 0, 12) != ByteReader.getInt(header, 12)) {
            throw RunFormat.corrupt(path, 12, "header checksum mismatch");
        }
        int version = ByteReader.getInt(header, 8);
        if (version < RunFormat.OLDEST_READABLE || version > RunFormat.VERSION) {
            throw RunFormat.corrupt(path, 8, "format version " + version + " is not supported (this build reads "
                    + RunFormat.OLDEST_READABLE + " to " + RunFormat.VERSION + ")");
        }
        long footerAt = size - RunFormat.FOOTER_SIZE;
        byte[] footer = readAt(file, footerAt, RunFormat.FOOTER_SIZE);
        int crcAt = RunFormat.FOOTER_SIZE - 4;
        if (RunFormat.crc(footer, 0, crcAt) != ByteReader.getInt(footer, crcAt)) {
            throw RunFormat.corrupt(path, footerAt + crcAt, "footer checksum mismatch");
        }
        ByteReader f = new ByteReader(footer);
        long indexOffset = f.u64();
        int indexLength = f.u32();
        long bloomOffset = f.u64();
        int bloomLength = f.u32();
        long modelOffset = f.u64();
        int modelLength = f.u32();
        RunStats stats = new RunStats(f.u64(), f.u64(), f.u64(), f.u64(), size);
        int footerVersion = f.u32();
        if (footerVersion != version) {
            throw RunFormat.corrupt(path, footerAt + crcAt - 4, "footer format version " + footerVersion);
        }
        if (indexOffset < RunFormat.HEADER_SIZE || indexLength < 8 || indexOffset + indexLength != bloomOffset
                || bloomLength < 4 || bloomOffset + bloomLength != modelOffset || modelLength < 9
                || modelOffset + modelLength != footerAt) {
            throw RunFormat.corrupt(path, footerAt, "footer points outside the file (index at " + indexOffset
                    + " length " + indexLength + ", filter at " + bloomOffset + " length " + bloomLength
                    + ", model at " + modelOffset + " length " + modelLength + ")");
        }
        byte[] indexBytes = readAt(file, indexOffset, indexLength);
        if (RunFormat.crc(indexBytes, 0, indexLength - 4) != ByteReader.getInt(indexBytes, indexLength - 4)) {
            throw RunFormat.corrupt(path, indexOffset + indexLength - 4, "index checksum mismatch");
        }
        byte[] bloomBytes = readAt(file, bloomOffset, bloomLength);
        if (RunFormat.crc(bloomBytes, 0, bloomLength - 4) != ByteReader.getInt(bloomBytes, bloomLength - 4)) {
            throw RunFormat.corrupt(path, bloomOffset + bloomLength - 4, "Bloom filter checksum mismatch");
        }
        ByteReader in = new ByteReader(indexBytes, 0, indexLength - 4);
        try {
            int blocks = in.u32();
            if (blocks < 0 || (long) blocks * 13 > indexLength) {
                throw new FormatException(0, "block count " + blocks);
            }
            long[] offsets = new long[blocks];
            int[] lengths = new int[blocks];
            int[] starts = new int[blocks + 1];
            var keys = new io.kyrodb.engine.storage.codec.ByteWriter(Math.max(16, blocks * 12));
            long expected = RunFormat.HEADER_SIZE;
            for (int i = 0; i < blocks; i++) {
                int at = in.position();
                offsets[i] = in.u64();
                lengths[i] = in.u32();
                if (offsets[i] != expected || lengths[i] < 8) {
                    throw new FormatException(at, "block " + i + " at " + offsets[i] + " length " + lengths[i]
                            + " (expected offset " + expected + ")");
                }
                expected += lengths[i];
                starts[i] = keys.size();
                keys.bytes(in.bytes(in.length(in.remaining())));
            }
            starts[blocks] = keys.size();
            if (expected != indexOffset) {
                throw new FormatException(in.position(), "blocks end at " + expected + " but the index starts at "
                        + indexOffset);
            }
            byte[] lastKey = in.bytes(in.length(in.remaining()));
            TypeKind[] keyKinds = version >= 3 ? readKeyKinds(in) : null;
            if (in.remaining() != 0) {
                throw new FormatException(in.position(), in.remaining() + " bytes after the index");
            }
            BloomFilter bloom = BloomFilter.read(new ByteReader(bloomBytes, 0, bloomLength - 4));
            byte[] firstKey = Arrays.copyOfRange(keys.array(), starts[0], blocks > 0 ? starts[1] : 0);
            RunIndex index = kind == IndexKind.LEARNED
                    ? readModel(path, file, modelOffset, modelLength, blocks, stats.entries())
                    : null;
            if (index == null) {
                index = new FenceIndex(keys.toByteArray(), starts, kind == IndexKind.LEARNED);
            }
            return new Run(id, path, file, cache, index, offsets, lengths, firstKey, lastKey, bloom, stats, version,
                    keyKinds);
        } catch (FormatException e) {
            throw RunFormat.corrupt(path, indexOffset + e.offset(), e.getMessage());
        }
    }

    /** Version 3's key kinds at the end of the index section: null when there are none. */
    private static TypeKind[] readKeyKinds(ByteReader in) {
        int n = in.u8();
        if (n == 0) {
            return null;
        }
        TypeKind[] kinds = new TypeKind[n];
        for (int k = 0; k < n; k++) {
            int at = in.position();
            String name = new String(in.bytes(in.u8()), java.nio.charset.StandardCharsets.US_ASCII);
            try {
                kinds[k] = TypeKind.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new FormatException(at, "unknown key kind " + name);
            }
        }
        if (KeyRows.of(kinds) == null) {
            throw new FormatException(in.position(), "key kinds " + Arrays.toString(kinds) + " cannot hold key rows");
        }
        return kinds;
    }

    /** The run's learned index, or null when the run is too crowded for it ({@link RunFormat#CROWDED}). */
    private static LearnedIndex readModel(Path path, FileHandle file, long offset, int length, int blocks, long entries)
            throws IOException {
        byte[] bytes = readAt(file, offset, length);
        if (RunFormat.crc(bytes, 0, length - 4) != ByteReader.getInt(bytes, length - 4)) {
            throw RunFormat.corrupt(path, offset + length - 4, "model checksum mismatch");
        }
        ByteReader in = new ByteReader(bytes, 0, length - 4);
        try {
            int skip = in.u8();
            int maxGroup = in.u32();
            if (maxGroup < 0 || maxGroup > entries) {
                throw new FormatException(1, "largest group of " + maxGroup + " entries in a run of " + entries);
            }
            if (maxGroup > RunFormat.CROWDED) {
                return null;
            }
            int at = in.position();
            int n = in.u32();
            if (n != blocks) {
                throw new FormatException(at, "the model has " + n + " blocks, the index " + blocks);
            }
            int[] first = new int[n];
            for (int i = 0; i < n; i++) {
                first[i] = in.u32();
                if (i == 0 ? first[i] != 0 : first[i] <= first[i - 1] || first[i] >= entries) {
                    throw new FormatException(in.position() - 4, "block " + i + " starts at entry " + first[i]);
                }
            }
            PgmModel model = PgmModel.read(in);
            if (in.remaining() != 0) {
                throw new FormatException(in.position(), in.remaining() + " bytes after the model");
            }
            if (model.count() != entries) {
                throw new FormatException(0, "the model covers " + model.count() + " entries, the run holds " + entries);
            }
            return new LearnedIndex(skip, first, model);
        } catch (FormatException e) {
            throw RunFormat.corrupt(path, offset + e.offset(), e.getMessage());
        }
    }

    private static byte[] readAt(FileHandle file, long offset, int length) throws IOException {
        byte[] b = new byte[length];
        file.readFully(ByteBuffer.wrap(b), offset);
        return b;
    }

    public long id() {
        return id;
    }

    public Path path() {
        return path;
    }

    public RunStats stats() {
        return stats;
    }

    /** Heap bytes of the index and the Bloom filter. */
    public long memoryBytes() {
        return index.memoryBytes() + bloom.memoryBytes() + 16L * blockOffsets.length + lastKey.length;
    }

    /** The run's smallest key. */
    public byte[] firstKey() {
        return firstKey;
    }

    /** The run's largest key. */
    public byte[] lastKey() {
        return lastKey;
    }

    /** False when {@code key} is certainly not in this run (its Bloom filter). */
    public boolean mightContain(byte[] key) {
        return bloom.mightContain(key);
    }

    public RunIndex index() {
        return index;
    }

    /**
     * The version of {@code key} that a view at commit sequence {@code seq} sees: its row,
     * {@link #DELETED}, or null when this run holds no such version.
     */
    public Object[] get(byte[] key, long seq) {
        return get(key, BloomFilter.hash(key, 0, key.length), seq);
    }

    /** {@link #get(byte[], long)} with the key's {@link BloomFilter#hash} computed once by the caller. */
    public Object[] get(byte[] key, long hash, long seq) {
        if (!bloom.mightContain(hash) || Arrays.compareUnsigned(key, lastKey) > 0
                || Arrays.compareUnsigned(key, firstKey) < 0) {
            return null;
        }
        Block.Entry e = new Block.Entry();
        long slot = locate(key, e);
        int b = (int) (slot >>> 32);
        Block block = located(b, CacheFill.ALWAYS);
        int at = (int) slot;
        if (at < block.count && block.allVisibleOnce(seq)) {   // decoded, one version a key: at most the key read
            if (!block.keyEquals(at, key, e)) {
                return null;
            }
            Object[] row = block.row(at);
            return row == null ? DELETED : row;
        }
        for (int i = at; i < block.count; i++) {
            e.read(block, i);
            if (e.compareKey(key) != 0) {
                return null;
            }
            if (e.seq <= seq) {
                return e.isDelete() ? DELETED : rowAt(block, i, e, b);
            }
        }
        return null;
    }

    /**
     * Where the first entry at or after {@code key} is (key at or after the run's first key):
     * block in the high 32 bits, entry in the low (the block's entry count when the answer is the
     * next block's first entry). The fence index names the block and a binary search finds the
     * entry; the learned index predicts the entry's ordinal, searches outward from it inside its
     * block, and moves to a neighbour block only when the key lies beyond this one.
     */
    private long locate(byte[] key, Block.Entry scratch) {
        if (index.exact()) {
            int b = Math.max(0, index.block(key));
            return ((long) b << 32) | block(b, true).seek(key, scratch);
        }
        LearnedIndex learned = (LearnedIndex) index;
        long p = learned.position(key);
        int b = learned.blockOf(p);
        Block block = block(b, true);
        int i = block.seekNear(key, (int) Math.min(Integer.MAX_VALUE, p - learned.firstEntry(b)), scratch);
        if (i == 0 && b > 0 && firstKeyAfter(block, key, scratch)) {
            b = gallopLeft(key, b, scratch);        // the key lies in an earlier block
        } else if (i == block.count && b < blockOffsets.length - 1) {
            if (firstKeyAfter(block(b + 1, true), key, scratch)) {
                return ((long) b << 32) | i;   // in the gap before the next block: its first entry is next
            }
            b = gallopRight(key, b + 1, scratch);
        } else {
            return ((long) b << 32) | i;
        }
        return ((long) b << 32) | block(b, true).seek(key, scratch);
    }

    /*
     * When the model missed by more than its block (as it does where many keys share the 8 bytes
     * it models), these find the block by first keys alone: doubling steps away from the guess,
     * then bisection. A near miss costs one block read, a far one a few, never a walk.
     */

    /** The last block before {@code from} whose first key is at or before {@code key} (block 0 if none). */
    private int gallopLeft(byte[] key, int from, Block.Entry scratch) {
        int hi = from - 1;      // candidates: [0, hi]
        int step = 1;
        int c = hi;
        while (c > 0 && firstKeyAfter(block(c, true), key, scratch)) {
            hi = c - 1;
            step <<= 1;
            c = Math.max(0, from - step);
        }
        return lastBlockStartingAtOrBefore(key, Math.max(0, c), hi, scratch);
    }

    /** The last block from {@code from} on whose first key is at or before {@code key}; block {@code from}'s is. */
    private int gallopRight(byte[] key, int from, Block.Entry scratch) {
        int last = blockOffsets.length - 1;
        int lo = from;
        int step = 1;
        int c = Math.min(last, from + 1);
        while (c > lo && !firstKeyAfter(block(c, true), key, scratch)) {
            lo = c;
            step <<= 1;
            c = Math.min(last, from + step);
        }
        return lastBlockStartingAtOrBefore(key, lo, c > lo ? c - 1 : lo, scratch);
    }

    private static boolean firstKeyAfter(Block block, byte[] key, Block.Entry scratch) {
        scratch.readKey(block, 0);
        return scratch.compareKey(key) > 0;
    }

    /** The last block in [lo, hi] whose first key is at or before {@code key}, given that block lo's is (or lo is 0). */
    private int lastBlockStartingAtOrBefore(byte[] key, int lo, int hi, Block.Entry scratch) {
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstKeyAfter(block(mid, true), key, scratch)) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        return lo;
    }

    private Object[] decodeRow(Block.Entry e, int block) {
        return decodeRow(e, block, null);
    }

    /**
     * Entry {@code e}'s row with only {@code columns} decoded (null: all; see {@link
     * ValueCodec#readRow(ByteReader, boolean[])}); a key row's from its key, every column.
     */
    private Object[] decodeRow(Block.Entry e, int block, boolean[] columns) {
        try {
            if (e.isKeyRow()) {
                return keyRow(e);
            }
            return ValueCodec.readRow(new ByteReader(e.data, e.rowOff, e.rowLen), columns);
        } catch (FormatException x) {
            throw RunFormat.corrupt(path, blockOffsets[block] + x.offset(), "bad row: " + x.getMessage());
        }
    }

    /** A key row's row: its key decoded with the run's key kinds (a key that does not decode is corruption). */
    private Object[] keyRow(Block.Entry e) {
        if (keyKinds == null) {
            throw new FormatException(e.keyOff, "a key row in a run without key kinds");
        }
        try {
            return KeyRows.decode(e.data, e.keyOff, e.keyLen, keyKinds);
        } catch (FormatException x) {
            throw x;
        } catch (RuntimeException x) {
            throw new FormatException(e.keyOff, "a key row whose key does not decode: " + x.getMessage());
        }
    }

    /** The format version of the file (what the reader of its blocks follows). */
    public int version() {
        return version;
    }

    /** The key kinds of the run's key rows, or null when it holds none. */
    public TypeKind[] keyKinds() {
        return keyKinds == null ? null : keyKinds.clone();
    }

    /**
     * Block {@code i}, which {@link #locate} just read (and counted, and cached): a second read
     * of it is not counted again, so a lookup counts one read of its block, not two.
     */
    private Block located(int i, CacheFill fill) {
        Block b = cache.get(cached, i);
        return b != null ? b : block(i, fill);
    }

    Block block(int i, boolean fillCache) {
        return block(i, fillCache ? CacheFill.ALWAYS : CacheFill.NEVER);
    }

    /**
     * How a block read from the file enters the {@link BlockCache}: a lookup's blocks always (they
     * are the hot set); a full scan's with their rows decoded, into free room or the room of
     * blocks read less often lately ({@link BlockCache#makeRoom}), so a table that fits is
     * answered from memory the next time, and a table scanned once evicts nothing; the blocks a
     * key range reads on from its first (which its seek, a lookup, cached) the same way but as
     * they are, not decoded (a range of a few rows is no reason to decode whole blocks, and one
     * asked again and again then reads no file); compaction's never (its input runs are about to
     * be deleted).
     */
    enum CacheFill { ALWAYS, DECODED, ADMITTED, NEVER }

    /** Entry {@code i} of {@code block}, read into {@code e}: its row, decoded unless the block holds it decoded. */
    private Object[] rowAt(Block block, int i, Block.Entry e, int blockNo) {
        return block.hasRows() ? block.row(i) : decodeRow(e, blockNo);
    }

    /** {@code b} with every entry's row decoded, for the cache. */
    private Block withRows(Block b, int blockNo) {
        Object[][] rows = new Object[b.count][];
        long[] seqs = new long[b.count];
        Block.Entry e = new Block.Entry();
        SharedValues shared = new SharedValues();
        for (int k = 0; k < b.count; k++) {
            e.read(b, k);
            seqs[k] = e.seq;
            if (!e.isDelete()) {
                rows[k] = shared.share(decodeRow(e, blockNo));
            }
        }
        long bytes = shared.bytes();
        int[] keyEnd = new int[b.count];
        keyEnd[b.count - 1] = b.count;
        for (int k = b.count - 2; k >= 0; k--) {
            keyEnd[k] = b.sameKeyAsPrevious(k + 1, e) ? keyEnd[k + 1] : k + 1;
        }
        return b.withRows(rows, seqs, keyEnd, bytes);
    }

    /**
     * Decoded rows take at least about this many times their encoded bytes on the heap (arrays,
     * boxed values, strings as UTF-16; measured 2-3x for the analytic bench's tables): a scan
     * decodes a block for the cache only when the cache has or makes room for that much, and then
     * makes room for what the decoded block takes.
     */
    private static final int DECODED_GROWTH = 2;

    Block block(int i, CacheFill fill) {
        Block b = cache.get(cached, i);
        if (fill != CacheFill.NEVER) {
            cache.record(id, cached, i);
        }
        if (b != null) {
            if (fill == CacheFill.DECODED && !b.hasRows()
                    && cache.makeRoom(id, cached, i, (long) DECODED_GROWTH * b.data.length)) {
                Block decoded = withRows(b, i);
                if (cache.makeRoom(id, cached, i, decoded.memoryBytes() - b.memoryBytes())) {
                    cache.replaceIfRoom(id, i, b, decoded);
                }
                return decoded;
            }
            return b;
        }
        byte[] data;
        try {
            data = readAt(file, blockOffsets[i], blockLengths[i]);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not read run file " + RunFormat.display(path) + " at offset " + blockOffsets[i]);
        }
        b = Block.parse(data, path, blockOffsets[i], version);
        switch (fill) {
            case ALWAYS -> cache.put(id, cached, i, b);
            case DECODED -> {
                if (cache.makeRoom(id, cached, i, (long) (DECODED_GROWTH + 1) * b.data.length)) {
                    b = withRows(b, i);
                    if (cache.makeRoom(id, cached, i, b.memoryBytes())) {
                        cache.putIfRoom(id, cached, i, b);
                    }
                }
            }
            case ADMITTED -> {
                if (cache.makeRoom(id, cached, i, b.memoryBytes())) {
                    cache.putIfRoom(id, cached, i, b);
                }
            }
            case NEVER -> { }
        }
        return b;
    }

    /** The keys at or after {@code from} (null: all) as a view at {@code seq} sees them. */
    public KeyCursor cursor(byte[] from, long seq) {
        return cursor(from, seq, null);
    }

    /**
     * {@link #cursor(byte[], long)} that may skip the keys whose visible row fails {@code filter}
     * (null: none), where a decoded block holds the integer columns it reads: for a source read
     * alone, whose skipped keys hide no older version in another source.
     */
    public KeyCursor cursor(byte[] from, long seq, IntRangeFilter filter) {
        return new ViewCursor(from, seq, from == null ? CacheFill.DECODED : CacheFill.ADMITTED, filter);
    }

    /**
     * A cursor for many seeks as a view at {@code seq} sees the run (a statement's prefix probes),
     * positioned nowhere until its first seek. The blocks it reads are a lookup's, the hot set, so
     * they enter the cache: a probe that reads on into the next block does not read it from the
     * file again for the next probe.
     */
    public KeyCursor probeCursor(long seq) {
        return new ViewCursor(lastKey, seq, CacheFill.ALWAYS, null);
    }

    /** Every entry in run order, for compaction and checks. */
    public RawCursor raw() {
        return new RawCursor();
    }

    /** Closes the file and drops its cached blocks; the owner calls it once no reader can reach the run. */
    public void close() {
        cache.evictRun(id, blockOffsets.length);
        try {
            file.close();
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not close run file " + RunFormat.display(path));
        }
    }

    @Override
    public String toString() {
        return RunFormat.display(path) + " (" + stats.keys() + " keys)";
    }

    /** Walks every entry: key, seq, kind and row bytes, without decoding rows. */
    public final class RawCursor {
        private final Block.Entry entry = new Block.Entry();
        private int blockNo = -1;
        private Block block;
        private int i;

        /** Moves to the next entry; false at the end. */
        public boolean next() {
            while (block == null || ++i >= block.count) {
                if (++blockNo >= blockOffsets.length) {
                    return false;
                }
                block = block(blockNo, false);
                i = -1;
            }
            entry.read(block, i);
            return true;
        }

        public byte[] key() {
            return entry.key();
        }

        /** Compares the current key with {@code key} (unsigned bytes). */
        public int compareKey(byte[] key) {
            return entry.compareKey(key);
        }

        public long seq() {
            return entry.seq;
        }

        public boolean isDelete() {
            return entry.isDelete();
        }

        /** Whether the entry is a put stored as a key row ({@link KeyRows}); its kinds are {@link #keyKinds()}. */
        public boolean isKeyRow() {
            return entry.isKeyRow();
        }

        /** The kinds a key row of this run decodes with (null when the run has none). */
        public TypeKind[] keyKinds() {
            return keyKinds;
        }

        /** The entry's kind as stored, without the same-key bit: 1 put, 2 delete, 3 key row; else corrupt. */
        public int kind() {
            return entry.kind;
        }

        /** Version 3: whether the entry says its key is the previous entry's (the checker compares). */
        public boolean markedSameKey() {
            return entry.markedSameKey;
        }

        /* A key row's bytes are made from its key, once per entry. */
        private byte[] keyRowBytes;
        private int keyRowEntry = -1;
        private int keyRowBlock = -1;

        private void encodeKeyRow() {
            if (keyRowEntry != i || keyRowBlock != blockNo) {
                try {
                    ByteWriter w = new ByteWriter(entry.keyLen + 16);
                    ValueCodec.writeRow(w, keyRow(entry));
                    keyRowBytes = w.toByteArray();
                } catch (FormatException x) {
                    throw RunFormat.corrupt(path, blockOffsets[blockNo] + x.offset(), "bad key row: " + x.getMessage());
                }
                keyRowEntry = i;
                keyRowBlock = blockNo;
            }
        }

        /** The put's row bytes ({@code ValueCodec.writeRow}'s), with {@link #rowOffset()} and {@link #rowLength()}. */
        public byte[] rowData() {
            if (entry.isKeyRow()) {
                encodeKeyRow();
                return keyRowBytes;
            }
            return entry.data;
        }

        public int rowOffset() {
            return entry.isKeyRow() ? 0 : entry.rowOff;
        }

        public int rowLength() {
            if (entry.isKeyRow()) {
                encodeKeyRow();
                return keyRowBytes.length;
            }
            return entry.rowLen;
        }

        /** The current entry's row, decoded (checks it). */
        public Object[] row() {
            return entry.isDelete() ? null : decodeRow(entry, blockNo);
        }

        public long blockOffset() {
            return blockOffsets[blockNo];
        }
    }

    /*
     * A row stored encoded is decoded only when row() asks for it: an index probe that counts or
     * tests for existence reads keys, sequence numbers and kinds only.
     */
    private final class ViewCursor implements KeyCursor {
        private final long seq;
        private final Block.Entry entry = new Block.Entry();
        /** Scratch for the current key's first version (startsWith) and for in-place counting. */
        private final Block.Entry first = new Block.Entry();
        private int blockNo;
        private Block block;
        private int i;
        /** The current key, or null until {@link #key()} copies it from entry {@code keyEntry} of {@code keyBlock}. */
        private byte[] key;
        private Block keyBlock;
        private int keyEntry;
        /** The visible version of the current key: entry {@code rowEntry} of {@code rowBlock} (block number {@code rowBlockNo}). */
        private Block rowBlock;
        private int rowEntry;
        private int rowBlockNo;
        private boolean deleted;
        /** The current row, or null until {@link #row()} decodes it (or for a delete). */
        private Object[] row;
        private final CacheFill fill;
        /** A decoded block all of whose keys are below {@code belowBound} (see {@link #compareKey}). */
        private Block belowBlock;
        private byte[] belowBound;
        /**
         * Whether the entries from {@code i} may still hold older versions of the current key (at
         * {@code keyEntry} of {@code block}): the newest version was visible, so they were left
         * unread, and the next call of {@link #next} passes them first. An EXISTS probe never
         * reads them, and a seek after it searches from where the cursor is.
         */
        private boolean olderVersionsPending;
        /** Keys whose row fails it may be skipped (null: none); its arrays for {@code filterBlock}. */
        private final IntRangeFilter filter;
        private Block filterBlock;
        private int[][] filterValues;

        /*
         * A scan from the start decodes blocks into the cache; a seek (an index probe, a key range)
         * reads a few entries, which is no reason to decode whole blocks.
         */
        ViewCursor(byte[] from, long seq, CacheFill fill, IntRangeFilter filter) {
            this.seq = seq;
            this.fill = fill;
            this.filter = filter;
            position(from);
        }

        private void position(byte[] from) {
            block = null;
            if (from == null || Arrays.compareUnsigned(from, firstKey) <= 0) {
                blockNo = 0;
                i = 0;
            } else if (Arrays.compareUnsigned(from, lastKey) > 0) {
                blockNo = blockOffsets.length;   // past the end: nothing to read
            } else {
                long slot = locate(from, entry);
                blockNo = (int) (slot >>> 32);
                block = located(blockNo, fill);
                i = (int) slot;
            }
        }

        /*
         * Forward from inside a block (the entry before the cursor lies before from): the rest of
         * the block is searched from the cursor, galloping, then the next block from its start;
         * so is the current key's stretch of the block when the key before it lies before from
         * (the current key ended the previous probe and may start this one). Anything else is a
         * lookup.
         */
        @Override
        public void seek(byte[] from) {
            int current = keyBlock == block ? keyEntry : -1;
            olderVersionsPending = false;
            row = null;
            rowBlock = null;
            key = null;
            deleted = false;
            if (block != null && i > 0 && i <= block.count) {
                if (block.compareEntry(i - 1, from, entry) < 0) {
                    if (i < block.count) {
                        int at = block.seekNear(from, i, entry);
                        if (at < block.count) {
                            i = at;
                            return;
                        }
                    }
                    // every key of this block lies before from: the next block, when cached (a probe's
                    // hot set), holds it more often than not; else a lookup, which reads no block in vain
                    Block next = blockNo + 1 < blockOffsets.length ? cache.get(cached, blockNo + 1) : null;
                    if (next != null) {
                        int at = next.seekNear(from, 0, entry);
                        if (at < next.count) {
                            blockNo++;
                            block = next;
                            i = at;
                            return;
                        }
                    }
                } else if (current > 0) {
                    if (block.compareEntry(current - 1, from, entry) < 0) {
                        i = block.seekNear(from, current, entry);   // in (current - 1, i - 1]
                        return;
                    }
                }
            }
            position(from);
        }

        @Override
        public boolean next() {
            if (olderVersionsPending) {
                olderVersionsPending = false;
                while (i < block.count && block.sameKeyAsPrevious(i, entry)) {
                    i++;
                }
            }
            while (true) {
                if (block == null || i >= block.count) {
                    if (block != null) {
                        blockNo++;
                    }
                    if (blockNo >= blockOffsets.length) {
                        return false;
                    }
                    block = block(blockNo, fill);
                    i = 0;
                }
                if (block.hasRows()) {
                    if (block.allVisibleOnce(seq)) {
                        if (filter != null) {
                            if (filterBlock != block) {
                                filterBlock = block;
                                filterValues = filter.bind(block);
                            }
                            if (filterValues != null) {
                                i = filterValues == IntRangeFilter.NONE_PASS ? block.count
                                        : filter.nextPassing(filterValues, i, block.count);
                                if (i >= block.count) {
                                    continue;
                                }
                            }
                        }
                        row = block.row(i);
                        deleted = row == null;
                        rowBlock = null;
                        key = null;
                        keyBlock = block;
                        keyEntry = i++;
                        return true;
                    }
                    // Decoded: the versions' extent and sequence numbers are known, no key is compared.
                    int start = i;
                    int end = block.keyEnd(i);
                    i = end;
                    for (int k = start; k < end; k++) {
                        if (block.seq(k) <= seq) {
                            row = block.row(k);
                            deleted = row == null;
                            rowBlock = null;
                            key = null;
                            keyBlock = block;
                            keyEntry = start;
                            return true;
                        }
                    }
                    continue;
                }
                if (block.plainFor(seq)) {   // entry i is its key's only version, a put the view sees
                    int at = i++;
                    return encodedCurrent(at, at, false);
                }
                // One key's versions, newest first, all in this block.
                int start = i;
                entry.read(block, start);
                if (entry.seq <= seq) {   // the newest version is visible: the older ones wait (olderVersionsPending)
                    i = start + 1;
                    olderVersionsPending = true;
                    return encodedCurrent(start, start, entry.isDelete());
                }
                int found = -1;
                boolean foundDelete = false;
                while (true) {
                    entry.read(block, i);
                    if (found < 0 && entry.seq <= seq) {
                        found = i;
                        foundDelete = entry.isDelete();
                    }
                    if (++i >= block.count || !block.sameKeyAsPrevious(i, entry)) {
                        break;
                    }
                }
                if (found >= 0) {
                    return encodedCurrent(start, found, foundDelete);
                }
            }
        }

        /**
         * Makes the key at entry {@code keyAt} of the current block the current one, its visible
         * version at entry {@code rowAt} ({@code delete}: a delete), the row decoded when asked.
         */
        private boolean encodedCurrent(int keyAt, int rowAt, boolean delete) {
            deleted = delete;
            row = null;
            rowBlock = block;
            rowEntry = rowAt;
            rowBlockNo = blockNo;
            key = null;
            keyBlock = block;
            keyEntry = keyAt;
            return true;
        }

        @Override
        public byte[] key() {
            if (key == null) {
                entry.readKey(keyBlock, keyEntry);   // copied only when asked for (a merge, not a lone run)
                key = entry.key();
            }
            return key;
        }

        @Override
        public Object[] row() {
            if (row == null && !deleted && rowBlock != null) {
                entry.read(rowBlock, rowEntry);
                row = rowAt(rowBlock, rowEntry, entry, rowBlockNo);
            }
            return row;
        }

        /* Not kept as the current row: a later row() must still decode every column. */
        @Override
        public Object[] row(boolean[] columns) {
            if (columns == null || row != null || deleted || rowBlock == null || rowBlock.hasRows()) {
                return row();
            }
            entry.read(rowBlock, rowEntry);
            return decodeRow(entry, rowBlockNo, columns);
        }

        /*
         * The interface's loop, bound to this class: a correlated COUNT or EXISTS probe runs it
         * once per outer row. Right after a seek, the keys before the last one it may count are
         * counted in place (countAhead); the loop then makes the key it ends on the current one.
         */
        @Override
        public long countPrefix(byte[] prefix, long limit) {
            long n = 0;
            if (!olderVersionsPending && block != null && !block.hasRows()) {
                n = countAhead(prefix, limit - 1);
            }
            while (n < limit && next()) {
                if (!startsWith(prefix)) {
                    break;
                }
                if (!deleted) {
                    n++;
                }
            }
            return n;
        }

        /**
         * Counts, up to {@code most}, the keys from entry {@code i} (a key's newest version) on that
         * start with {@code prefix} and whose visible version is no delete, reading each entry's
         * key, kind and sequence in place and making none the current key. Stops before the first
         * key without the prefix, before a block that holds decoded rows, or at the run's end. A
         * block of plain puts none of which is newer than the view is counted from its key heads
         * alone once a search made them ({@link Block#plainPrefixEnd}).
         */
        private long countAhead(byte[] prefix, long most) {
            long n = 0;
            while (n < most) {
                if (i >= block.count) {
                    if (blockNo + 1 >= blockOffsets.length) {
                        return n;
                    }
                    Block b = block(blockNo + 1, fill);
                    if (b.hasRows()) {
                        return n;
                    }
                    blockNo++;
                    block = b;
                    i = 0;
                }
                int end = block.plainPrefixEnd(prefix, i, seq);
                if (end >= 0) {
                    int take = (int) Math.min(end - i, most - n);
                    n += take;
                    i += take;
                    if (i < block.count) {
                        return n;   // before a key without the prefix, or the most counted
                    }
                    continue;       // the block ended with the prefix: the next one may go on
                }
                entry.read(block, i);
                if (!entry.keyStartsWith(prefix)) {
                    return n;
                }
                boolean visible = false;
                while (true) {
                    if (!visible && entry.seq <= seq) {
                        visible = true;
                        if (!entry.isDelete()) {
                            n++;
                        }
                    }
                    if (++i >= block.count || !block.sameKeyAsPrevious(i, first)) {
                        break;
                    }
                    if (!visible) {
                        entry.read(block, i);
                    }
                }
            }
            return n;
        }

        @Override
        public boolean deleted() {
            return deleted;
        }

        @Override
        public boolean startsWith(byte[] prefix) {
            if (key != null) {
                return KeyCursor.super.startsWith(prefix);
            }
            return keyBlock.entryStartsWith(keyEntry, prefix, first);
        }

        /*
         * A merge compares each row's key with the same bound (the other sources' least key) until
         * one of them moves: when the decoded block's last key is below the bound, so is every key
         * of the block, which one comparison per block answers.
         */
        @Override
        public int compareKey(byte[] other) {
            if (key == null && keyBlock == block) {
                if (belowBlock == block && belowBound == other) {
                    return -1;
                }
                entry.readKey(block, block.count - 1);
                if (entry.compareKey(other) < 0) {
                    belowBlock = block;
                    belowBound = other;
                    return -1;
                }
                entry.readKey(block, keyEntry);
                return entry.compareKey(other);
            }
            return Arrays.compareUnsigned(key(), other);
        }
    }
}

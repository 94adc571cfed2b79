package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.IoErrors;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.FormatException;
import io.kyrodb.engine.storage.codec.ValueCodec;

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
    private final byte[] lastKey;
    private final BloomFilter bloom;
    private final RunStats stats;

    private Run(long id, Path path, FileHandle file, BlockCache cache, RunIndex index, long[] blockOffsets,
                int[] blockLengths, byte[] lastKey, BloomFilter bloom, RunStats stats) {
        this.id = id;
        this.path = path;
        this.file = file;
        this.cache = cache;
        this.index = index;
        this.blockOffsets = blockOffsets;
        this.blockLengths = blockLengths;
        this.lastKey = lastKey;
        this.bloom = bloom;
        this.stats = stats;
    }

    /** Opens and checks the run file {@code path}; its id is {@code id}. */
    public static Run open(FileSystem fs, Path path, long id, BlockCache cache) {
        FileHandle file;
        try {
            file = fs.open(path, FileSystem.OpenMode.READ);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not open run file " + RunFormat.display(path));
        }
        try {
            return read(path, id, file, cache);
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

    private static Run read(Path path, long id, FileHandle file, BlockCache cache) throws IOException {
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
        if (version != RunFormat.VERSION) {
            throw RunFormat.corrupt(path, 8, "format version " + version + " is not supported (this build reads "
                    + RunFormat.VERSION + ")");
        }
        long footerAt = size - RunFormat.FOOTER_SIZE;
        byte[] footer = readAt(file, footerAt, RunFormat.FOOTER_SIZE);
        if (RunFormat.crc(footer, 0, 60) != ByteReader.getInt(footer, 60)) {
            throw RunFormat.corrupt(path, footerAt + 60, "footer checksum mismatch");
        }
        ByteReader f = new ByteReader(footer);
        long indexOffset = f.u64();
        int indexLength = f.u32();
        long bloomOffset = f.u64();
        int bloomLength = f.u32();
        RunStats stats = new RunStats(f.u64(), f.u64(), f.u64(), f.u64(), size);
        int footerVersion = f.u32();
        if (footerVersion != RunFormat.VERSION) {
            throw RunFormat.corrupt(path, footerAt + 56, "footer format version " + footerVersion);
        }
        if (indexOffset < RunFormat.HEADER_SIZE || indexLength < 8 || indexOffset + indexLength != bloomOffset
                || bloomLength < 4 || bloomOffset + bloomLength != footerAt) {
            throw RunFormat.corrupt(path, footerAt, "footer points outside the file (index at " + indexOffset
                    + " length " + indexLength + ", filter at " + bloomOffset + " length " + bloomLength + ")");
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
            if (in.remaining() != 0) {
                throw new FormatException(in.position(), in.remaining() + " bytes after the index");
            }
            BloomFilter bloom = BloomFilter.read(new ByteReader(bloomBytes, 0, bloomLength - 4));
            return new Run(id, path, file, cache, new FenceIndex(keys.toByteArray(), starts), offsets, lengths,
                    lastKey, bloom, stats);
        } catch (FormatException e) {
            throw RunFormat.corrupt(path, indexOffset + e.offset(), e.getMessage());
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
        return index.memoryBytes() + bloom.memoryBytes() + 12L * blockOffsets.length + lastKey.length;
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
        if (!bloom.mightContain(key) || Arrays.compareUnsigned(key, lastKey) > 0) {
            return null;
        }
        int b = index.block(key);
        if (b < 0) {
            return null;
        }
        Block block = block(b, true);
        Block.Entry e = new Block.Entry();
        for (int i = block.seek(key, e); i < block.count; i++) {
            e.read(block, i);
            if (e.compareKey(key) != 0) {
                return null;
            }
            if (e.seq <= seq) {
                return e.isDelete() ? DELETED : decodeRow(e, b);
            }
        }
        return null;
    }

    private Object[] decodeRow(Block.Entry e, int block) {
        try {
            return ValueCodec.readRow(new ByteReader(e.data, e.rowOff, e.rowLen));
        } catch (FormatException x) {
            throw RunFormat.corrupt(path, blockOffsets[block] + x.offset(), "bad row: " + x.getMessage());
        }
    }

    Block block(int i, boolean fillCache) {
        Block b = cache.get(id, i);
        if (b != null) {
            return b;
        }
        byte[] data;
        try {
            data = readAt(file, blockOffsets[i], blockLengths[i]);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not read run file " + RunFormat.display(path) + " at offset " + blockOffsets[i]);
        }
        b = Block.parse(data, path, blockOffsets[i]);
        if (fillCache) {
            cache.put(id, i, b);
        }
        return b;
    }

    /** The keys at or after {@code from} (null: all) as a view at {@code seq} sees them. */
    public KeyCursor cursor(byte[] from, long seq) {
        return new ViewCursor(from, seq);
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

        public byte[] rowData() {
            return entry.data;
        }

        public int rowOffset() {
            return entry.rowOff;
        }

        public int rowLength() {
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

    private final class ViewCursor implements KeyCursor {
        private final long seq;
        private final Block.Entry entry = new Block.Entry();
        private int blockNo;
        private Block block;
        private int i;
        private byte[] key;
        private Object[] row;

        ViewCursor(byte[] from, long seq) {
            this.seq = seq;
            if (from == null) {
                blockNo = 0;
                i = 0;
            } else {
                blockNo = Math.max(0, index.block(from));
                if (blockNo < blockOffsets.length) {
                    block = block(blockNo, false);
                    i = block.seek(from, entry);
                }
            }
        }

        @Override
        public boolean next() {
            while (true) {
                if (block == null || i >= block.count) {
                    if (block != null) {
                        blockNo++;
                    }
                    if (blockNo >= blockOffsets.length) {
                        return false;
                    }
                    block = block(blockNo, false);
                    i = 0;
                }
                // One key's versions, newest first, all in this block.
                entry.read(block, i);
                byte[] k = entry.key();
                boolean found = false;
                while (true) {
                    if (!found && entry.seq <= seq) {
                        found = true;
                        row = entry.isDelete() ? null : decodeRow(entry, blockNo);
                    }
                    if (++i >= block.count) {
                        break;
                    }
                    entry.read(block, i);
                    if (entry.compareKey(k) != 0) {
                        break;
                    }
                }
                if (found) {
                    key = k;
                    return true;
                }
            }
        }

        @Override
        public byte[] key() {
            return key;
        }

        @Override
        public Object[] row() {
            return row;
        }
    }
}

package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.types.TypeKind;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes one run file front to back (format: {@link RunFormat}). Entries must come in run order:
 * key ascending, and the versions of a key newest (highest seq) first. {@link #finish} writes the
 * index, Bloom filter and footer and fsyncs the file; the caller then fsyncs the directory and
 * records the run in a checkpoint, which is what makes it part of the database. {@link #abort}
 * deletes a half-written file. Used by one thread.
 */
public final class RunWriter implements Closeable {
    private static final int FLUSH_AT = 256 << 10;

    private final FileSystem fs;
    private final FileHandle file;
    private final ByteWriter out = new ByteWriter(FLUSH_AT + RunFormat.TARGET_BLOCK_SIZE * 2);
    private final ByteWriter block = new ByteWriter(RunFormat.TARGET_BLOCK_SIZE * 2);
    private final ByteWriter index = new ByteWriter(4096);
    private final BloomFilter.Builder bloom = new BloomFilter.Builder();
    private final int skip;
    private final int maxEpsilon;
    /** Whether the table's rows are their keys (then a put whose row is its key stores no row), or null. */
    private final KeyRows keyRows;
    private PgmModel.Builder model;          // created when the first block closes (its size sets epsilon)
    private long[] heldKeys = new long[256]; // model keys of the first block, until then
    private int held;
    private int[] blockFirstEntry = new int[64];
    private long lastModelKey;
    private long group;        // entries sharing the current model key
    private long maxGroup;     // the most entries that share one model key
    private int[] entryOffsets = new int[128];
    private int blockEntries;
    private byte[] blockFirstKey;
    private int blockCount;
    private long filePos;          // bytes handed to the file so far
    private byte[] lastKey;
    private long lastSeq;
    private long entries;
    private long keys;
    private long deletes;
    private long maxSeq;
    private boolean done;

    private RunWriter(FileSystem fs, FileHandle file, int skip, int epsilon, KeyRows keyRows) {
        this.fs = fs;
        this.file = file;
        this.skip = skip;
        this.maxEpsilon = epsilon;
        this.keyRows = keyRows;
        out.bytes(RunFormat.MAGIC).u32(RunFormat.VERSION);
        out.u32(RunFormat.crc(out.array(), 0, 12));
        index.u32(0); // block count, set at the end
    }

    /**
     * Creates {@code file}, which must not exist. {@code skip} is how many leading bytes every key
     * will share ({@link RunFormat#sharedPrefix} of the first and last key, or less): the learned
     * index models the 8 bytes after them; {@code epsilon} is its error bound.
     */
    public static RunWriter create(FileSystem fs, Path file, int skip, int epsilon) throws IOException {
        return create(fs, file, skip, epsilon, null);
    }

    /**
     * {@link #create(FileSystem, Path, int, int)} for a table whose rows are their keys
     * ({@code keyRows}; null when they are not): a put whose row is exactly its key's columns is
     * stored without the row's bytes.
     */
    public static RunWriter create(FileSystem fs, Path file, int skip, int epsilon, KeyRows keyRows) throws IOException {
        return new RunWriter(fs, fs.open(file, FileSystem.OpenMode.CREATE_NEW), skip, epsilon, keyRows);
    }

    /** Whether this writer stores key rows of {@code kinds} as they are ({@link #addKeyRow}). */
    public boolean storesKeyRows(TypeKind[] kinds) {
        return keyRows != null && keyRows.sameKinds(kinds);
    }

    public Path path() {
        return file.path();
    }

    /** Adds a version: {@code row} is a {@code ValueCodec.writeRow} encoding, or null for a delete. */
    public void add(byte[] key, long seq, byte[] row) throws IOException {
        add(key, seq, row, 0, row == null ? 0 : row.length);
    }

    /** {@link #add(byte[], long, byte[])} with the row in {@code row[off, off+len)}. */
    public void add(byte[] key, long seq, byte[] row, int off, int len) throws IOException {
        byte kind = row == null ? RunFormat.DELETE
                : keyRows != null && keyRows.isKeyRow(key, row, off, len) ? RunFormat.KEY_ROW : RunFormat.PUT;
        add(key, seq, kind, row, off, len);
    }

    /**
     * Adds a put whose row is its key's columns, known to decode exactly (an entry of a run with
     * the same key kinds: {@link #storesKeyRows}).
     */
    public void addKeyRow(byte[] key, long seq) throws IOException {
        if (keyRows == null) {
            throw new IllegalStateException("this run's rows are not their keys");
        }
        add(key, seq, RunFormat.KEY_ROW, null, 0, 0);
    }

    private void add(byte[] key, long seq, byte kind, byte[] row, int off, int len) throws IOException {
        if (seq < 0) {
            throw new IllegalArgumentException("negative commit sequence " + seq);
        }
        boolean newKey = lastKey == null || Arrays.compareUnsigned(key, lastKey) != 0;
        if (!newKey && seq >= lastSeq) {
            throw new IllegalStateException("versions of a key must come newest first: seq " + seq + " after " + lastSeq);
        }
        if (newKey && lastKey != null && Arrays.compareUnsigned(key, lastKey) < 0) {
            throw new IllegalStateException("keys must come in ascending order");
        }
        if (newKey) {
            if (block.size() >= RunFormat.TARGET_BLOCK_SIZE) {
                closeBlock(false);
            }
            keys++;
            bloom.add(key);
            lastKey = key;
        }
        if (blockEntries == 0) {
            blockFirstKey = key;
            if (blockCount == blockFirstEntry.length) {
                blockFirstEntry = Arrays.copyOf(blockFirstEntry, blockCount * 2);
            }
            if (entries > Integer.MAX_VALUE) {
                throw new IllegalStateException("a run holds at most 2^31 entries");
            }
            blockFirstEntry[blockCount] = (int) entries;
        }
        long mk = RunFormat.modelKey(key, skip);
        group = entries > 0 && mk == lastModelKey ? group + 1 : 1;
        maxGroup = Math.max(maxGroup, group);
        lastModelKey = mk;
        if (model != null) {
            model.add(mk);
        } else {
            if (held == heldKeys.length) {
                heldKeys = Arrays.copyOf(heldKeys, held * 2);
            }
            heldKeys[held++] = mk;
        }
        if (blockEntries == entryOffsets.length) {
            entryOffsets = Arrays.copyOf(entryOffsets, blockEntries * 2);
        }
        entryOffsets[blockEntries++] = block.size();
        block.varint(key.length).bytes(key).u8(newKey ? kind : kind | RunFormat.SAME_KEY).varint(seq);
        if (kind == RunFormat.DELETE) {
            deletes++;
        } else if (kind == RunFormat.PUT) {
            block.varint(len).bytes(row, off, len);
        }
        lastSeq = seq;
        maxSeq = Math.max(maxSeq, seq);
        entries++;
    }

    private void closeBlock(boolean last) throws IOException {
        if (blockEntries == 0) {
            return;
        }
        if (model == null) {
            // a run of one block: no prediction can cross into another, so the full epsilon
            startModel(last ? Integer.MAX_VALUE : blockEntries);
        }
        boolean narrow = entryOffsets[blockEntries - 1] <= 0xFFFF;
        for (int i = 0; i < blockEntries; i++) {
            if (narrow) {
                block.u16(entryOffsets[i]);
            } else {
                block.u32(entryOffsets[i]);
            }
        }
        block.u32(narrow ? blockEntries | RunFormat.NARROW_OFFSETS : blockEntries);
        block.u32(RunFormat.crc(block.array(), 0, block.size()));
        long offset = filePos + out.size();
        index.u64(offset).u32(block.size()).varint(blockFirstKey.length).bytes(blockFirstKey);
        out.bytes(block.array(), 0, block.size());
        block.reset();
        blockEntries = 0;
        blockCount++;
        if (out.size() >= FLUSH_AT) {
            flushOut();
        }
    }

    private void flushOut() throws IOException {
        if (out.size() > 0) {
            file.write(ByteBuffer.wrap(out.array(), 0, out.size()), filePos);
            filePos += out.size();
            out.reset();
        }
    }

    /**
     * Starts the model once a block's worth of entries is known: its error bound is at most an
     * eighth of a block, so a lookup's predicted entry lands in the right block nearly always and
     * rarely reads a second one (wide rows make small blocks of few entries), and at most the
     * configured epsilon.
     */
    private void startModel(int entriesPerBlock) {
        int epsilon = Math.max(2, Math.min(maxEpsilon, entriesPerBlock / 8));
        model = new PgmModel.Builder(Math.min(epsilon, maxEpsilon));
        for (int i = 0; i < held; i++) {
            model.add(heldKeys[i]);
        }
        heldKeys = null;
    }

    /** Completes and fsyncs the file; returns what it holds. */
    public RunStats finish() throws IOException {
        closeBlock(true);
        index.setU32(0, blockCount);
        byte[] last = lastKey == null ? new byte[0] : lastKey;
        index.varint(last.length).bytes(last);
        TypeKind[] kinds = keyRows == null ? new TypeKind[0] : keyRows.kinds();
        index.u8(kinds.length);
        for (TypeKind k : kinds) {
            byte[] name = k.name().getBytes(StandardCharsets.US_ASCII);
            index.u8(name.length).bytes(name);
        }
        index.u32(RunFormat.crc(index.array(), 0, index.size()));
        long indexOffset = filePos + out.size();
        out.bytes(index.array(), 0, index.size());

        ByteWriter b = new ByteWriter(1024);
        bloom.build().writeTo(b);
        b.u32(RunFormat.crc(b.array(), 0, b.size()));
        long bloomOffset = filePos + out.size();
        out.bytes(b.array(), 0, b.size());

        ByteWriter m = new ByteWriter(1024);
        m.u8(skip).u32((int) Math.min(Integer.MAX_VALUE, maxGroup)).u32(blockCount);
        for (int i = 0; i < blockCount; i++) {
            m.u32(blockFirstEntry[i]);
        }
        if (model == null) {
            startModel(Integer.MAX_VALUE); // an empty run
        }
        model.build().writeTo(m);
        m.u32(RunFormat.crc(m.array(), 0, m.size()));
        long modelOffset = filePos + out.size();
        out.bytes(m.array(), 0, m.size());

        int footerAt = out.size();
        out.u64(indexOffset).u32(index.size()).u64(bloomOffset).u32(b.size()).u64(modelOffset).u32(m.size())
                .u64(entries).u64(keys).u64(deletes).u64(maxSeq).u32(RunFormat.VERSION);
        out.u32(RunFormat.crc(out.array(), footerAt, RunFormat.FOOTER_SIZE - 4));
        flushOut();
        file.sync();
        file.close();
        done = true;
        return new RunStats(entries, keys, deletes, maxSeq, filePos);
    }

    /** Closes and deletes the file unless {@link #finish} completed. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            file.close();
        } catch (IOException ignored) {
            // deleting is what matters
        }
        try {
            fs.deleteIfExists(file.path());
        } catch (IOException ignored) {
            // an unreferenced run file is deleted at the next open
        }
    }

    @Override
    public void close() {
        abort();
    }

}

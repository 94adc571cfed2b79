package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The run file format, version 2 (docs/format/run.md); {@link RunWriter} writes it, {@link Run}
 * reads it. Integers big-endian, varints LEB128.
 * <pre>
 * file     := header | block* | index | bloom | model | footer
 * header   := magic "KYRORUN\0" | u32 version | u32 crc32c(the 12 bytes before)          (16 bytes)
 * block    := entry* | u32 entryOffset[n] (from the block's start) | u32 n | u32 crc32c(all before)
 * entry    := varint keyLength | key | u64 seq | u8 kind (1 put, 2 delete) | put: varint rowLength | row
 * index    := u32 blockCount | (u64 offset | u32 length | varint firstKeyLength | firstKey)*
 *             | varint lastKeyLength | lastKey | u32 crc32c(all before)
 * bloom    := BloomFilter | u32 crc32c(all before)
 * model    := u8 skip | u32 maxGroup | u32 blockCount | u32 firstEntry[blockCount] | PgmModel | u32 crc32c(all before)
 * footer   := u64 indexOffset | u32 indexLength | u64 bloomOffset | u32 bloomLength | u64 modelOffset
 *             | u32 modelLength | u64 entries | u64 keys | u64 deletes | u64 maxSeq | u32 version
 *             | u32 crc32c(the 72 bytes before)                                                      (76 bytes)
 * </pre>
 * Entries are ordered by key (unsigned bytes, {@code KeyCodec}) ascending, then seq descending:
 * the versions of one key are adjacent, newest first, and never split across two blocks.
 * A row is {@code ValueCodec.writeRow}'s encoding. The model section is the learned index: a
 * {@link PgmModel} of the position (entry ordinal) of each key, over the 8 bytes of the key after
 * the {@code skip} bytes every key of the run shares, and each block's first entry ordinal; the
 * index section's fence keys are the classical baseline ({@code pk_index=btree}).
 * These constants are on disk: never change them;
 * add a version instead. Before 1.0 the reader refuses every version but {@link #VERSION}.
 */
public final class RunFormat {
    public static final byte[] MAGIC = {'K', 'Y', 'R', 'O', 'R', 'U', 'N', 0};
    public static final int VERSION = 2;
    public static final int HEADER_SIZE = 16;
    public static final int FOOTER_SIZE = 76;
    public static final byte PUT = 1;
    public static final byte DELETE = 2;
    /** A block is closed once it reaches this many bytes (it holds at least one key's versions). */
    public static final int TARGET_BLOCK_SIZE = 4096;
    /** Largest block a reader accepts; a length above it is corruption. */
    public static final int MAX_BLOCK_SIZE = 1 << 30;
    public static final String SUFFIX = ".run";
    /**
     * A run where more entries than this share the 8 bytes the model sees (maxGroup; a composite
     * key with a low-cardinality first column) is searched with its fence keys even under
     * pk_index=learned: inside such a group the model cannot tell keys apart.
     */
    public static final int CROWDED = 64;
    /** The learned index's default error bound (positions): see the learned-index issue's measurements. */
    public static final int DEFAULT_EPSILON = 16;

    private RunFormat() {
    }

    /** {@code 000000000000002a.run} for run 42. */
    public static String fileName(long id) {
        return String.format("%016x%s", id, SUFFIX);
    }

    /** The run id of a file name, or -1 if it is not a run file's name. */
    public static long idOf(String fileName) {
        if (fileName.length() != 16 + SUFFIX.length() || !fileName.endsWith(SUFFIX)) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(fileName.substring(0, 16), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** How many leading bytes every key between {@code first} and {@code last} (sorted) shares. */
    public static int sharedPrefix(byte[] first, byte[] last) {
        int n = Math.min(first.length, last.length);
        int i = 0;
        while (i < n && first[i] == last[i]) {
            i++;
        }
        return Math.min(i, 255);
    }

    /** The 8 bytes of {@code key} after its first {@code skip} (zero-padded), unsigned-ordered. */
    public static long modelKey(byte[] key, int skip) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int at = skip + i;
            v = (v << 8) | (at < key.length ? key[at] & 0xFF : 0);
        }
        return v;
    }

    static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    /** How errors name a run: {@code runs/000000000000002a.run}. */
    static String display(Path file) {
        Path dir = file.getParent();
        return (dir == null || dir.getFileName() == null ? "" : dir.getFileName() + "/") + file.getFileName();
    }

    static KyroException corrupt(Path file, long offset, String what) {
        return new KyroException(SqlState.DATA_CORRUPTED, "corrupt run file " + display(file) + " at offset "
                + offset + ": " + what);
    }
}

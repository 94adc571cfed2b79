package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The run file format, version 3 (docs/format/run.md); {@link RunWriter} writes it, {@link Run}
 * reads it and version 2. Integers big-endian, varints LEB128.
 * <pre>
 * file     := header | block* | index | bloom | model | footer
 * header   := magic "KYRORUN\0" | u32 version | u32 crc32c(the 12 bytes before)          (16 bytes)
 * block    := entry* | entryOffset[n] (from the block's start: u16 each when n's top bit is set,
 *             else u32) | u32 n (top bit: narrow offsets) | u32 crc32c(all before)
 * entry    := varint keyLength | key | u8 kind | varint seq | kind PUT: varint rowLength | row
 * kind     := 1 put, 2 delete, 3 key row (a put whose row is the key's columns, decoded with the
 *             run's key kinds: no row bytes), plus 0x80 when the entry's key is the previous entry's
 * index    := u32 blockCount | (u64 offset | u32 length | varint firstKeyLength | firstKey)*
 *             | varint lastKeyLength | lastKey | u8 keyKindCount | (u8 nameLength | name)*
 *             | u32 crc32c(all before)
 * bloom    := BloomFilter | u32 crc32c(all before)
 * model    := u8 skip | u32 maxGroup | u32 blockCount | u32 firstEntry[blockCount] | PgmModel | u32 crc32c(all before)
 * footer   := u64 indexOffset | u32 indexLength | u64 bloomOffset | u32 bloomLength | u64 modelOffset
 *             | u32 modelLength | u64 entries | u64 keys | u64 deletes | u64 maxSeq | u32 version
 *             | u32 crc32c(the 72 bytes before)                                                      (76 bytes)
 * </pre>
 * Version 2 differs only in its entries ({@code varint keyLength | key | u64 seq | u8 kind (1 put,
 * 2 delete) | put: varint rowLength | row}), its offsets (always u32) and its index (no key kinds).
 * Entries are ordered by key (unsigned bytes, {@code KeyCodec}) ascending, then seq descending:
 * the versions of one key are adjacent, newest first, and never split across two blocks.
 * A row is {@code ValueCodec.writeRow}'s encoding. The model section is the learned index: a
 * {@link PgmModel} of the position (entry ordinal) of each key, over the 8 bytes of the key after
 * the {@code skip} bytes every key of the run shares, and each block's first entry ordinal; the
 * index section's fence keys are the classical baseline ({@code pk_index=btree}).
 * The key kinds ({@code TypeKind} names) are the key's columns when the run's table stores rows
 * that are their keys (an index's entries, a table whose columns are all its primary key): an
 * entry whose row decodes exactly from its key stores none ({@link KeyRows}).
 * These constants are on disk: never change them; add a version instead.
 */
public final class RunFormat {
    public static final byte[] MAGIC = {'K', 'Y', 'R', 'O', 'R', 'U', 'N', 0};
    public static final int VERSION = 3;
    /** The oldest version this build reads. */
    public static final int OLDEST_READABLE = 2;
    public static final int HEADER_SIZE = 16;
    public static final int FOOTER_SIZE = 76;
    public static final byte PUT = 1;
    public static final byte DELETE = 2;
    /** Version 3: a put whose row is its key's columns, stored without row bytes. */
    public static final byte KEY_ROW = 3;
    /** Version 3: the bit of an entry's kind saying its key is the previous entry's (an older version). */
    public static final int SAME_KEY = 0x80;
    /** Version 3: the bit of a block's entry count saying its entry offsets are u16. */
    public static final int NARROW_OFFSETS = 0x8000_0000;
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

package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.storage.codec.ByteReader;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * One data block of a run, checked against its CRC when it was read: entries, then their offsets
 * (see {@link RunFormat}). Immutable and shared through the {@link BlockCache}; an {@link Entry}
 * cursor decodes entries without allocating.
 *
 * <p>A block a scan caches also carries its rows already decoded ({@link #withRows}), so a table
 * that fits in the cache is scanned without decoding a value; the cache counts their estimated
 * heap size. Those rows are shared by every reader and must not be modified (as memtable rows).
 */
final class Block {
    final byte[] data;
    final int count;
    /** Version 3's entries (kind before a varint seq, {@link RunFormat#SAME_KEY}, key rows); else version 2's. */
    final boolean compact;
    /** Whether the entry offsets are u16 (version 3, a block under 64 KiB). */
    private final boolean narrow;
    private final int offsetsAt;
    /** Each entry's row (null for a delete), or null when the rows are decoded on each read. */
    private final Object[][] rows;
    /** With {@link #rows}: each entry's commit sequence, and one past the last entry holding its key. */
    private final long[] seqs;
    private final int[] keyEnd;
    /**
     * With {@link #rows}: whether every key holds one version, and the newest commit sequence (a
     * view at or after it then sees entry i as key i, without {@link #seqs} or {@link #keyEnd}).
     */
    private final boolean oneVersionEach;
    private final long newestSeq;
    /**
     * With {@link #rows}: for each column whose value is an INTEGER or NULL in every row (deletes
     * aside), and an INTEGER in one at least, those values in entry order (a NULL's slot holds 0),
     * and the least and greatest INTEGER; null for other columns. A scan's {@link IntRangeFilter}
     * reads them instead of the rows.
     */
    private final int[][] ints;
    private final int[] intMin;
    private final int[] intMax;
    private final long memoryBytes;

    private Block(byte[] data, int count, boolean compact, boolean narrow, int offsetsAt, Object[][] rows, long[] seqs,
                  int[] keyEnd, long rowBytes) {
        this.data = data;
        this.count = count;
        this.compact = compact;
        this.narrow = narrow;
        this.offsetsAt = offsetsAt;
        this.rows = rows;
        this.seqs = seqs;
        this.keyEnd = keyEnd;
        boolean one = rows != null;
        long newest = 0;
        for (int k = 0; one && k < count; k++) {
            one = keyEnd[k] == k + 1;
            newest = Math.max(newest, seqs[k]);
        }
        this.oneVersionEach = one;
        this.newestSeq = newest;
        int[][] columns = rows == null ? null : intColumns(rows);
        long intBytes = 0;
        if (columns != null) {
            intMin = new int[columns.length];
            intMax = new int[columns.length];
            intBytes = 2 * intArrayBytes(columns.length) + io.kyrodb.engine.types.HeapSize.array(columns.length);
            for (int c = 0; c < columns.length; c++) {
                if (columns[c] != null) {
                    intBytes += intArrayBytes(count);
                    bounds(rows, columns[c], c);
                }
            }
        } else {
            intMin = null;
            intMax = null;
        }
        this.ints = columns;
        this.memoryBytes = data.length + 48L + 16 + HEADS_BYTES + 8L * count   // with the key heads a search may add
                + (rows == null ? 0 : io.kyrodb.engine.types.HeapSize.array(count) + 16 + 8L * count + 16 + 4L * count
                + rowBytes + intBytes);
    }

    /**
     * The values of each column that holds an Integer or null in every row and an Integer in one
     * (delete entries and NULLs hold 0), or null when no column does; one pass over the rows a
     * column, stopping at the first row that rules it out.
     */
    private static int[][] intColumns(Object[][] rows) {
        int width = Integer.MAX_VALUE;
        boolean anyRow = false;
        for (Object[] row : rows) {
            if (row != null) {
                width = Math.min(width, row.length);
                anyRow = true;
            }
        }
        if (!anyRow) {
            return null;
        }
        int[][] columns = null;
        column:
        for (int c = 0; c < width; c++) {
            int[] values = null;   // made once the first row holds an integer: a text column costs no array
            for (int i = 0; i < rows.length; i++) {
                Object[] row = rows[i];
                if (row != null && row[c] != null) {
                    if (!(row[c] instanceof Integer v)) {
                        continue column;
                    }
                    if (values == null) {
                        values = new int[rows.length];
                    }
                    values[i] = v;
                }
            }
            if (values == null) {
                continue;   // NULL in every row
            }
            if (columns == null) {
                columns = new int[width][];
            }
            columns[c] = values;
        }
        return columns;
    }

    /** The heap size of an {@code int[]} of {@code length}. */
    private static long intArrayBytes(int length) {
        return (16 + 4L * length + 7) & ~7L;
    }

    /** Sets column {@code c}'s least and greatest value over the rows that are neither deletes nor NULL there. */
    private void bounds(Object[][] rows, int[] values, int c) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < values.length; i++) {
            if (rows[i] != null && rows[i][c] != null) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
        }
        intMin[c] = min;
        intMax[c] = max;
    }

    /**
     * Column {@code c}'s values in entry order when every row of this decoded block holds an
     * INTEGER or NULL there, and one an INTEGER (a delete entry and a NULL hold 0), else null.
     */
    int[] intColumn(int c) {
        return ints != null && c < ints.length ? ints[c] : null;
    }

    /** The least value of {@link #intColumn} {@code c} over the rows that are neither deletes nor NULL there. */
    int intMin(int c) {
        return intMin[c];
    }

    /** The greatest value of {@link #intColumn} {@code c} over the rows that are neither deletes nor NULL there. */
    int intMax(int c) {
        return intMax[c];
    }

    /** The heads' record and shared bytes, about (their long per entry is counted apart). */
    private static final long HEADS_BYTES = 72;

    private Block(byte[] data, int count, boolean compact, boolean narrow, int offsetsAt) {
        this(data, count, compact, narrow, offsetsAt, null, null, null, 0);
    }

    /**
     * This block carrying its entries' decoded {@code rows} (whose heap size is {@code rowBytes}),
     * commit sequences and, for each entry, one past the last entry of its key.
     */
    Block withRows(Object[][] rows, long[] seqs, int[] keyEnd, long rowBytes) {
        if (rows.length != count || seqs.length != count || keyEnd.length != count) {
            throw new IllegalArgumentException(rows.length + " rows for a block of " + count + " entries");
        }
        return new Block(data, count, compact, narrow, offsetsAt, rows, seqs, keyEnd, rowBytes);
    }

    /** Entry {@code i}'s commit sequence; only when {@link #hasRows()}. */
    long seq(int i) {
        return seqs[i];
    }

    /**
     * Whether a view at commit sequence {@code seq} sees every entry of this decoded block as its
     * key's version: one version a key, none newer than the view.
     */
    boolean allVisibleOnce(long seq) {
        return oneVersionEach && newestSeq <= seq;
    }

    /** One past the last entry with entry {@code i}'s key; only when {@link #hasRows()}. */
    int keyEnd(int i) {
        return keyEnd[i];
    }

    /** Whether the rows come decoded ({@link #withRows}). */
    boolean hasRows() {
        return rows != null;
    }

    /** Entry {@code i}'s decoded row; only when {@link #hasRows()} (null for a delete). */
    Object[] row(int i) {
        return rows[i];
    }

    /**
     * Checks {@code data} (the block's bytes, read at {@code fileOffset} of {@code file}, a run of
     * format {@code version}) and wraps it.
     */
    static Block parse(byte[] data, Path file, long fileOffset, int version) {
        int len = data.length;
        if (len < 8) {
            throw RunFormat.corrupt(file, fileOffset, "block of " + len + " bytes is shorter than its trailer");
        }
        int stored = ByteReader.getInt(data, len - 4);
        if (RunFormat.crc(data, 0, len - 4) != stored) {
            throw RunFormat.corrupt(file, fileOffset, "block checksum mismatch");
        }
        int n = ByteReader.getInt(data, len - 8);
        boolean compact = version >= 3;
        boolean narrow = compact && (n & RunFormat.NARROW_OFFSETS) != 0;
        int count = narrow ? n & ~RunFormat.NARROW_OFFSETS : n;
        long offsetsAt = (long) len - 8 - (narrow ? 2L : 4L) * count;
        if (count < 1 || offsetsAt < 0) {
            throw RunFormat.corrupt(file, fileOffset + len - 8, "block entry count " + count + " does not fit in "
                    + len + " bytes");
        }
        Block b = new Block(data, count, compact, narrow, (int) offsetsAt);
        int prev = -1;
        for (int i = 0; i < count; i++) {
            int off = b.entryOffset(i);
            if (off <= prev || off >= offsetsAt) {
                throw RunFormat.corrupt(file, fileOffset + offsetsAt + (narrow ? 2L : 4L) * i, "entry offset " + off + " out of order or"
                        + " outside the block");
            }
            prev = off;
        }
        return b;
    }

    int entryOffset(int i) {
        if (narrow) {
            int at = offsetsAt + 2 * i;
            return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
        }
        return ByteReader.getInt(data, offsetsAt + 4 * i);
    }

    /**
     * Whether entry {@code i} (after the first) holds the key of the entry before it: an older
     * version. Version 3 says so in the entry's kind; version 2 compares the keys ({@code scratch}
     * is overwritten).
     */
    boolean sameKeyAsPrevious(int i, Entry scratch) {
        scratch.readKey(this, i);
        if (compact) {
            return (data[scratch.keyOff + scratch.keyLen] & RunFormat.SAME_KEY) != 0;   // the kind after the key
        }
        int at = scratch.keyOff;
        int len = scratch.keyLen;
        scratch.readKey(this, i - 1);
        return len == scratch.keyLen && Arrays.equals(data, at, at + len, data, scratch.keyOff, scratch.keyOff + len);
    }

    /** Heap bytes for the cache's accounting (fixed for the block's life). */
    long memoryBytes() {
        return memoryBytes;
    }

    /**
     * For searches: the length of the prefix every key of the block shares (the first and the last
     * key's common prefix) and, for each entry, the 8 key bytes after it as an unsigned big-endian
     * number (zero-padded). A search compares these and decodes a whole key only where they tie,
     * instead of decoding each key it passes. Made on the block's first search (a lookup, a seek); immutable (a race
     * makes the same twice).
     *
     * <p>Also what lets a probe skip decoding ({@link #plainPrefixEnd}, {@link #plainFor},
     * {@link #entryStartsWith}): the shared bytes themselves, whether every entry is a put of a key
     * of its own (no older version, no delete; version 3 only), the newest commit sequence, and the
     * shortest and longest key ({@link #keyEquals}).
     */
    private record Heads(int skip, byte[] shared, long[] of, boolean plain, long newestSeq, int shortestKey,
                         int longestKey) {
    }

    private volatile Heads heads;

    private Heads heads() {
        Heads h = heads;
        if (h == null) {
            Entry first = new Entry();
            Entry last = new Entry();
            first.readKey(this, 0);
            last.readKey(this, count - 1);
            // -1 when the first and last key are equal (a block of one key's versions, or of one entry): no prefix skipped
            int skip = Math.max(0, Arrays.mismatch(first.data, first.keyOff, first.keyOff + first.keyLen, last.data,
                    last.keyOff, last.keyOff + last.keyLen));
            long[] of = new long[count];
            boolean plain = compact;
            long newest = 0;
            int shortest = Integer.MAX_VALUE;
            int longest = 0;
            for (int i = 0; i < count; i++) {
                last.read(this, i);
                of[i] = head(last.data, last.keyOff + skip, last.keyLen - skip);
                plain &= !last.markedSameKey && !last.isDelete();
                newest = Math.max(newest, last.seq);
                shortest = Math.min(shortest, last.keyLen);
                longest = Math.max(longest, last.keyLen);
            }
            h = new Heads(skip, Arrays.copyOfRange(first.data, first.keyOff, first.keyOff + skip), of, plain, newest,
                    shortest, longest);
            heads = h;
        }
        return h;
    }

    /** The 8 bytes of {@code key[off, off + len)} from its start as an unsigned big-endian number, zero-padded. */
    private static long head(byte[] key, int off, int len) {
        long h = 0;
        int n = Math.max(0, Math.min(8, len));
        for (int k = 0; k < n; k++) {
            h = (h << 8) | (key[off + k] & 0xFF);
        }
        return n == 0 ? 0 : h << (8 * (8 - n));
    }

    /**
     * Where {@code key} stands against the first {@code n} bytes all of this block's keys share
     * ({@code n} at most {@code h.skip}): negative (before every entry; also when it is shorter and
     * a prefix of them), positive (after every entry), or 0 (it starts with them).
     */
    private static int comparePrefix(byte[] key, Heads h, int n) {
        if (n == 0) {
            return 0;
        }
        int m = Math.min(n, key.length);
        for (int k = 0; k < m; k++) {   // a few bytes: the loop costs less than a library compare's call
            if (key[k] != h.shared[k]) {
                return (key[k] & 0xFF) - (h.shared[k] & 0xFF);
            }
        }
        return key.length < n ? -1 : 0;
    }

    /** Entry {@code i}'s key compared with {@code key}, whose head after {@code h.skip} is {@code keyHead}. */
    private int compareKey(int i, byte[] key, long keyHead, Heads h, Entry scratch) {
        long x = h.of[i];
        if (x != keyHead) {
            return Long.compareUnsigned(x, keyHead);
        }
        scratch.readKey(this, i);
        return scratch.compareKey(key);
    }

    /** The first entry whose key is at or after {@code key}, or {@link #count} if none (binary search). */
    int seek(byte[] key, Entry scratch) {
        Heads h = heads();
        int c = comparePrefix(key, h, h.skip);
        if (c != 0) {
            return c < 0 ? 0 : count;
        }
        return lowerBound(key, head(key, h.skip, key.length - h.skip), h, -1, count, scratch);
    }

    /**
     * {@link #seek} starting from {@code guess} (the learned index's predicted slot): probes outward
     * in doubling steps until the answer is bracketed, then bisects the bracket. Cheap when the
     * guess is close: the probes stay in a few neighbouring cache lines.
     */
    int seekNear(byte[] key, int guess, Entry scratch) {
        Heads h = heads();
        int c = comparePrefix(key, h, h.skip);
        if (c != 0) {
            return c < 0 ? 0 : count;
        }
        long kh = head(key, h.skip, key.length - h.skip);
        int g = Math.max(0, Math.min(count - 1, guess));
        int lo;
        int hi;
        if (compareKey(g, key, kh, h, scratch) >= 0) {
            hi = g;                       // key(hi) >= key
            int step = 1;
            lo = g - 1;
            while (lo >= 0) {
                if (compareKey(lo, key, kh, h, scratch) < 0) {
                    break;                // key(lo) < key
                }
                hi = lo;
                step <<= 1;
                lo = g - step;
            }
            lo = Math.max(lo, -1);
        } else {
            lo = g;                       // key(lo) < key
            int step = 1;
            hi = g + 1;
            while (hi < count) {
                if (compareKey(hi, key, kh, h, scratch) >= 0) {
                    break;
                }
                lo = hi;
                step <<= 1;
                hi = g + step;
            }
            hi = Math.min(hi, count);
        }
        return lowerBound(key, kh, h, lo, hi, scratch);
    }

    /**
     * Whether a view at commit sequence {@code seq} sees every entry as its key's only version, a
     * put, as far as known without decoding: false until a search made the heads.
     */
    boolean plainFor(long seq) {
        Heads h = heads;
        return h != null && h.plain && h.newestSeq <= seq;
    }

    /** Entry {@code i}'s key compared with {@code key}: from the heads where a search made them and they differ. */
    int compareEntry(int i, byte[] key, Entry scratch) {
        Heads h = heads;
        if (h != null) {
            int c = comparePrefix(key, h, h.skip);
            if (c != 0) {
                return -c;
            }
            return compareKey(i, key, head(key, h.skip, key.length - h.skip), h, scratch);
        }
        scratch.readKey(this, i);
        return scratch.compareKey(key);
    }

    /**
     * Whether entry {@code i}'s key is {@code key}: from the heads alone where a search made them
     * and every key of the block is as long as {@code key} and fits in the shared bytes and a head
     * (a primary key of a number or two), else decoded.
     */
    boolean keyEquals(int i, byte[] key, Entry scratch) {
        Heads h = heads;
        if (h != null && h.shortestKey == key.length && h.longestKey == key.length && key.length <= h.skip + 8) {
            return comparePrefix(key, h, h.skip) == 0 && h.of[i] == head(key, h.skip, key.length - h.skip);
        }
        scratch.readKey(this, i);
        return scratch.compareKey(key) == 0;
    }

    /** Whether entry {@code i}'s key starts with {@code prefix}: from the heads where a search made them and they tell. */
    boolean entryStartsWith(int i, byte[] prefix, Entry scratch) {
        Heads h = heads;
        if (h != null && headsTell(h, prefix)) {
            return headStartsWith(h, i, prefix);
        }
        scratch.readKey(this, i);
        return scratch.keyStartsWith(prefix);
    }

    /**
     * Whether the heads alone tell which keys start with {@code prefix}: every key is at least as
     * long as it (so the heads' zero padding cannot pass for its bytes) and it ends within the
     * shared bytes and a head.
     */
    private static boolean headsTell(Heads h, byte[] prefix) {
        return h.shortestKey >= prefix.length && prefix.length <= h.skip + 8;
    }

    /** Whether entry {@code i}'s key starts with {@code prefix}, from the heads ({@link #headsTell} holds). */
    private static boolean headStartsWith(Heads h, int i, byte[] prefix) {
        if (comparePrefix(prefix, h, Math.min(h.skip, prefix.length)) != 0) {
            return false;                 // the block's shared bytes differ from the prefix: no key has it
        }
        if (prefix.length <= h.skip) {
            return true;                  // every key starts with the shared bytes, so with the prefix
        }
        int shift = 8 * (8 - (prefix.length - h.skip));
        return h.of[i] >>> shift == head(prefix, h.skip, prefix.length - h.skip) >>> shift;
    }

    /**
     * For a count that a view at commit sequence {@code seq} makes: one past the last of the entries
     * from {@code from} on whose keys start with {@code prefix}, found by galloping over the heads
     * without decoding an entry; or -1 when that takes decoding (an entry of the block is a delete
     * or an older version, or newer than the view, or the prefix reaches past the heads or a key),
     * or when no search has made the heads yet (a count that steps into the next block reads its
     * first entries rather than make heads for them). Each entry it passes is then one visible row.
     * The keys from {@code from} on must not lie before {@code prefix} (a seek to it put the cursor
     * there): those with it come first. The shortest-key check is defensive: keys at or after the
     * prefix cannot match it through the heads' zero padding, but a key shorter than the prefix
     * could if one lay before it.
     */
    int plainPrefixEnd(byte[] prefix, int from, long seq) {
        Heads h = heads;
        if (h == null || !plainFor(seq) || !headsTell(h, prefix)) {
            return -1;
        }
        if (from >= count || !headStartsWith(h, from, prefix)) {
            return Math.min(from, count);
        }
        int lo = from;                    // starts with the prefix
        int hi = from + 1;
        int step = 1;
        while (hi < count && headStartsWith(h, hi, prefix)) {
            lo = hi;
            step <<= 1;
            hi = from + step;
        }
        hi = Math.min(hi, count);
        while (hi - lo > 1) {             // lo has the prefix; hi does not (or is count)
            int mid = (lo + hi) >>> 1;
            if (headStartsWith(h, mid, prefix)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** The answer in (lo, hi], given key(lo) < key (or lo = -1) and key(hi) >= key (or hi = count). */
    private int lowerBound(byte[] key, long kh, Heads h, int lo, int hi, Entry scratch) {
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (compareKey(mid, key, kh, h, scratch) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** A decoding cursor over a block's entries; reusable. */
    static final class Entry {
        byte[] data;
        int keyOff;
        int keyLen;
        long seq;
        byte kind;
        /** Version 3: whether the entry's kind carries {@link RunFormat#SAME_KEY}. */
        boolean markedSameKey;
        int rowOff;
        int rowLen;

        /** Where {@link #varint} reads next in {@link #data}. */
        private int pos;

        /** The varint at {@link #pos}; moves past it. */
        private long varint() {
            long v = 0;
            int shift = 0;
            byte x;
            do {
                x = data[pos++];
                v |= (long) (x & 0x7F) << shift;
                shift += 7;
            } while (x < 0);
            return v;
        }

        /** Decodes only entry {@code i}'s key (enough to compare it). */
        void readKey(Block b, int i) {
            data = b.data;
            pos = b.entryOffset(i);
            keyLen = (int) varint();
            keyOff = pos;
        }

        void read(Block b, int i) {
            readKey(b, i);
            pos += keyLen;
            if (b.compact) {
                int raw = data[pos++];
                kind = (byte) (raw & ~RunFormat.SAME_KEY);
                markedSameKey = (raw & RunFormat.SAME_KEY) != 0;
                seq = varint();
            } else {
                seq = ByteReader.getLong(data, pos);
                pos += 8;
                kind = data[pos++];
            }
            rowLen = kind == RunFormat.PUT ? (int) varint() : 0;
            rowOff = pos;
        }

        int compareKey(byte[] key) {
            return Arrays.compareUnsigned(data, keyOff, keyOff + keyLen, key, 0, key.length);
        }

        /** Whether this entry's key starts with {@code prefix} (compared in place). */
        boolean keyStartsWith(byte[] prefix) {
            return keyLen >= prefix.length
                    && Arrays.equals(data, keyOff, keyOff + prefix.length, prefix, 0, prefix.length);
        }

        boolean sameKey(Entry other) {
            return Arrays.equals(data, keyOff, keyOff + keyLen, other.data, other.keyOff, other.keyOff + other.keyLen);
        }

        byte[] key() {
            return Arrays.copyOfRange(data, keyOff, keyOff + keyLen);
        }

        boolean isDelete() {
            return kind == RunFormat.DELETE;
        }

        /** Whether the entry is a put whose row is its key's columns (version 3: no row bytes). */
        boolean isKeyRow() {
            return kind == RunFormat.KEY_ROW;
        }
    }
}

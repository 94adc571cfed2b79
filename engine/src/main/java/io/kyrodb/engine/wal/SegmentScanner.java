package io.kyrodb.engine.wal;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.IoErrors;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads the records of one segment in order and decides where they end (docs/format/wal.md, "Where
 * the log ends"). Shared by {@link WalReader} and {@link WalWriter}'s recovery, so both agree.
 * Single-threaded.
 *
 * <p>The records end at end of file or at a record header that is all zeros (the preallocated
 * space). In an older segment they must end so, followed by zeros only; anything else is
 * corruption ({@link SqlState#DATA_CORRUPTED} naming the file and offset). In the newest segment
 * they may also end at a short or bad record, and anything may follow the end: writes that were
 * never fsynced reach the disk in any order, sector by sector, so a crash can leave a torn record,
 * then zeros, then a whole later record. Such bytes are discarded ({@link #tornTail()}, and the
 * writer zeroes them) unless a valid record among them says, in its synced-LSN field, that the
 * records at the end were already durable when it was written: that is damage to acknowledged
 * records, and corruption.
 */
final class SegmentScanner implements Closeable {
    private static final int WINDOW = 64 * 1024;
    private static final byte[] ZEROS = new byte[WINDOW];

    private final FileHandle handle;
    private final String name;
    private final long size;
    private final long firstLsn;
    private final boolean newest;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart;
    private int windowLength;

    private long position = WalFormat.HEADER_SIZE;
    private long nextLsn;
    private boolean ended;
    private long discardedEnd;
    private String tornTail;

    private SegmentScanner(FileHandle handle, WalFormat.Segment segment, boolean newest) throws IOException {
        this.handle = handle;
        this.name = WalFormat.display(segment.path());
        this.size = handle.size();
        this.newest = newest;
        this.firstLsn = checkHeader(segment.firstLsn());
        this.nextLsn = firstLsn;
    }

    /**
     * Opens a segment and checks its header. With {@code newest} a torn or unfinished end is
     * reported by {@link #tornTail()} instead of thrown.
     */
    static SegmentScanner open(FileSystem fs, WalFormat.Segment segment, boolean newest) {
        FileHandle h;
        try {
            h = fs.open(segment.path(), FileSystem.OpenMode.READ);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not open WAL segment " + WalFormat.display(segment.path()));
        }
        try {
            return new SegmentScanner(h, segment, newest);
        } catch (IOException | RuntimeException e) {
            try {
                h.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw IoErrors.toKyro(io, "could not read WAL segment " + WalFormat.display(segment.path()));
            }
            throw (RuntimeException) e;
        }
    }

    long firstLsn() {
        return firstLsn;
    }

    /** The LSN the record after the last one returned has (or will have). */
    long nextLsn() {
        return nextLsn;
    }

    /** Offset just past the last good record. */
    long endOffset() {
        return position;
    }

    /**
     * Once {@link #next()} returned null: the offset just past the last non-zero byte after
     * {@link #endOffset()} (a torn record, unsynced writes), or {@link #endOffset()} if only zeros
     * follow. The writer zeroes {@code [endOffset, discardedEnd)} before it appends.
     */
    long discardedEnd() {
        return discardedEnd;
    }

    /** What the end of the newest segment discarded (a torn record, unsynced writes), or null. */
    String tornTail() {
        return tornTail;
    }

    /** The file's size when it was opened. */
    long size() {
        return size;
    }

    String name() {
        return name;
    }

    /** The next record, or null at the end of the segment's records. */
    WalRecord next() {
        if (ended) {
            return null;
        }
        try {
            return readRecord();
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not read WAL segment " + name);
        }
    }

    @Override
    public void close() {
        try {
            handle.close();
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not close WAL segment " + name);
        }
    }

    private long checkHeader(long nameLsn) throws IOException {
        if (size < WalFormat.HEADER_SIZE) {
            throw corrupt(0, "short header: " + size + " bytes, a segment header takes "
                    + WalFormat.HEADER_SIZE);
        }
        int i = ensure(0, WalFormat.HEADER_SIZE);
        byte[] b = window.array();
        if (!Arrays.equals(b, i, i + WalFormat.MAGIC.length, WalFormat.MAGIC, 0, WalFormat.MAGIC.length)) {
            throw corrupt(0, "bad magic: not a KyroDB WAL segment");
        }
        int version = window.getInt(i + WalFormat.HEADER_VERSION_OFFSET);
        if (version != WalFormat.VERSION) {
            String by = Integer.compareUnsigned(version, WalFormat.VERSION) > 0 ? "a newer" : "an older";
            throw new KyroException(SqlState.DATA_CORRUPTED, "unsupported WAL segment " + name
                    + " at offset " + WalFormat.HEADER_VERSION_OFFSET + ": format version "
                    + Integer.toUnsignedString(version) + " (written by " + by + " KyroDB); this KyroDB reads WAL"
                    + " format version " + WalFormat.VERSION + " only");
        }
        int stored = window.getInt(i + WalFormat.HEADER_CRC_OFFSET);
        if (stored != WalFormat.crc(b, i, WalFormat.HEADER_CRC_OFFSET)) {
            throw corrupt(WalFormat.HEADER_CRC_OFFSET, "header checksum mismatch");
        }
        long lsn = window.getLong(i + WalFormat.HEADER_FIRST_LSN_OFFSET);
        if (lsn != nameLsn) {
            throw corrupt(WalFormat.HEADER_FIRST_LSN_OFFSET, "header says first LSN " + lsn
                    + " but the file name says " + nameLsn);
        }
        return lsn;
    }

    private WalRecord readRecord() throws IOException {
        long remaining = size - position;
        if (remaining == 0) {
            return end(position, null);
        }
        int headerBytes = (int) Math.min(WalFormat.RECORD_HEADER_SIZE, remaining);
        int i = ensure(position, headerBytes);
        if (isZero(i, headerBytes)) {
            return end(position, null);
        }
        if (remaining < WalFormat.RECORD_OVERHEAD) {
            return end(position, "truncated record: " + remaining + " bytes left, a record takes at least "
                    + WalFormat.RECORD_OVERHEAD);
        }
        long length = Integer.toUnsignedLong(window.getInt(i));
        long lsn = window.getLong(i + WalFormat.RECORD_LSN_OFFSET);
        byte type = window.get(i + WalFormat.RECORD_TYPE_OFFSET);
        long synced = window.getLong(i + WalFormat.RECORD_SYNCED_OFFSET);
        if (length > WalFormat.MAX_PAYLOAD) {
            return end(position, "record length " + length + " exceeds the limit of " + WalFormat.MAX_PAYLOAD);
        }
        if (WalFormat.RECORD_OVERHEAD + length > remaining) {
            return end(position, "truncated record: length " + length + " needs "
                    + (WalFormat.RECORD_OVERHEAD + length) + " bytes, " + remaining + " left");
        }
        byte[] payload = checkedPayload(position, (int) length);
        if (payload == null) {
            return end(position, "checksum mismatch");
        }
        if (lsn != nextLsn) {
            throw corrupt(position, "expected LSN " + nextLsn + ", found " + lsn);
        }
        if (type == 0) {
            throw corrupt(position, "invalid record type 0");
        }
        if (synced < 0 || synced >= lsn) {
            throw corrupt(position, "record LSN " + lsn + " says LSN " + Long.toUnsignedString(synced)
                    + " was durable before it was written");
        }
        position += WalFormat.RECORD_OVERHEAD + length;
        nextLsn++;
        return new WalRecord(lsn, type, payload);
    }

    /**
     * The records end at {@code offset}: cleanly (a zero header or end of file, {@code bad} null)
     * or at a short or bad record ({@code bad} says why). Decides whether that is allowed.
     */
    private WalRecord end(long offset, String bad) throws IOException {
        if (!newest) {
            if (bad != null) {
                throw corrupt(offset, bad);
            }
            long z = nextNonZero(offset);
            if (z < size) {
                throw corrupt(z, "data after the end of the records at offset " + offset
                        + "; only the newest segment may hold unfinished writes");
            }
            discardedEnd = offset;
            ended = true;
            return null;
        }
        discardedEnd = scanDiscarded(offset, bad == null ? "zeroed record header" : bad);
        ended = true;
        if (bad != null) {
            tornTail = "torn record at offset " + offset + " of " + name + " (" + bad + "), "
                    + (discardedEnd - offset) + " bytes discarded";
        } else if (discardedEnd > offset) {
            tornTail = "unsynced writes after the last record at offset " + offset + " of " + name + ", "
                    + (discardedEnd - offset) + " bytes discarded";
        }
        return null;
    }

    /**
     * Goes through what follows the end of the newest segment: returns the offset past its last
     * non-zero byte, and throws if a valid record there was written after the record at
     * {@code end} was durable (its synced LSN is at least {@link #nextLsn}). Checks every offset
     * that can begin a record (an LSN has a non-zero byte), skipping runs of zeros.
     */
    private long scanDiscarded(long end, String why) throws IOException {
        long last = end;
        long candidate = end + 1;
        for (long z = nextNonZero(end); z < size; z = nextNonZero(z + 1)) {
            last = z + 1;
            for (long q = Math.max(candidate, z - WalFormat.RECORD_HEADER_SIZE + 1); q <= z; q++) {
                long synced = provenDurable(q);
                if (synced >= nextLsn) {
                    throw corrupt(end, why + ", but the record at offset " + q + " was written when LSNs up to "
                            + synced + " were durable, so this is damage to acknowledged records, not a torn"
                            + " tail");
                }
            }
            candidate = z + 1;
        }
        return last;
    }

    /** The synced LSN of a valid record at {@code q} whose synced LSN reaches {@link #nextLsn}, else -1. */
    private long provenDurable(long q) throws IOException {
        if (q + WalFormat.RECORD_OVERHEAD > size) {
            return -1;
        }
        int i = ensure(q, WalFormat.RECORD_HEADER_SIZE);
        long length = Integer.toUnsignedLong(window.getInt(i));
        long lsn = window.getLong(i + WalFormat.RECORD_LSN_OFFSET);
        long synced = window.getLong(i + WalFormat.RECORD_SYNCED_OFFSET);
        if (synced < nextLsn || lsn <= synced || length > WalFormat.MAX_PAYLOAD
                || q + WalFormat.RECORD_OVERHEAD + length > size || window.get(i + WalFormat.RECORD_TYPE_OFFSET) == 0) {
            return -1;
        }
        return checkedPayload(q, (int) length) != null ? synced : -1;
    }

    /** The payload of the record at {@code pos} if its checksum matches, else null. */
    private byte[] checkedPayload(long pos, int length) throws IOException {
        int total = WalFormat.RECORD_OVERHEAD + length;
        ByteBuffer buf;
        int off;
        if (total <= WINDOW) {
            off = ensure(pos, total);
            buf = window;
        } else {
            buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            handle.readFully(buf, pos);
            off = 0;
        }
        int covered = WalFormat.RECORD_HEADER_SIZE + length;
        if (buf.getInt(off + covered) != WalFormat.crc(buf.array(), off, covered)) {
            return null;
        }
        return Arrays.copyOfRange(buf.array(), off + WalFormat.RECORD_HEADER_SIZE, off + covered);
    }

    /** The first offset at or after {@code from} holding a non-zero byte, or the file size. */
    private long nextNonZero(long from) throws IOException {
        long pos = from;
        while (pos < size) {
            int n = (int) Math.min(WINDOW, size - pos);
            int i = ensure(pos, n);
            int m = Arrays.mismatch(window.array(), i, i + n, ZEROS, 0, n);   // vectorized
            if (m >= 0) {
                return pos + m;
            }
            pos += n;
        }
        return size;
    }

    private boolean isZero(int index, int n) {
        return Arrays.mismatch(window.array(), index, index + n, ZEROS, 0, n) < 0;
    }

    /** Makes {@code [pos, pos + n)} (n at most WINDOW, within the file) readable; returns its index. */
    private int ensure(long pos, int n) throws IOException {
        if (pos >= windowStart && pos + n <= windowStart + windowLength) {
            return (int) (pos - windowStart);
        }
        int want = (int) Math.min(WINDOW, size - pos);
        window.clear().limit(want);
        handle.readFully(window, pos);
        window.clear();
        windowStart = pos;
        windowLength = want;
        return 0;
    }

    private KyroException corrupt(long offset, String reason) {
        return new KyroException(SqlState.DATA_CORRUPTED,
                "corrupt WAL segment " + name + " at offset " + offset + ": " + reason);
    }
}

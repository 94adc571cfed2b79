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
 * Reads the records of one segment in order and decides, at the first record that is short or
 * fails its checksum, whether it is a torn tail (only in the newest segment, and only if no valid
 * record follows it anywhere in the file) or corruption ({@link SqlState#DATA_CORRUPTED} naming
 * the file and offset). Shared by {@link WalReader} and {@link WalWriter}'s recovery, so both
 * agree on where the log ends. Single-threaded.
 */
final class SegmentScanner implements Closeable {
    private static final int WINDOW = 64 * 1024;

    private final FileHandle handle;
    private final String name;
    private final long size;
    private final long firstLsn;
    private final boolean tornTailAllowed;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart;
    private int windowLength;

    private long position = WalFormat.HEADER_SIZE;
    private long nextLsn;
    private boolean ended;
    private String tornTail;

    private SegmentScanner(FileHandle handle, WalFormat.Segment segment, boolean tornTailAllowed)
            throws IOException {
        this.handle = handle;
        this.name = WalFormat.display(segment.path());
        this.size = handle.size();
        this.tornTailAllowed = tornTailAllowed;
        this.firstLsn = checkHeader(segment.firstLsn());
        this.nextLsn = firstLsn;
    }

    /**
     * Opens a segment and checks its header. With {@code tornTailAllowed} (the newest segment) a
     * short or bad record at the end is reported by {@link #tornTail()} instead of thrown.
     */
    static SegmentScanner open(FileSystem fs, WalFormat.Segment segment, boolean tornTailAllowed) {
        FileHandle h;
        try {
            h = fs.open(segment.path(), FileSystem.OpenMode.READ);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not open WAL segment " + WalFormat.display(segment.path()));
        }
        try {
            return new SegmentScanner(h, segment, tornTailAllowed);
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

    /**
     * Whether a newest segment is the remains of a creation a crash interrupted: shorter than a
     * header, or exactly a header's length of zeros (the length reached the disk, the bytes did
     * not). The writer fsyncs the header before it writes any record, so such a file holds no
     * record anyone was told is durable; a longer file with a bad header is corruption.
     */
    static boolean isInterruptedCreation(FileSystem fs, WalFormat.Segment segment) throws IOException {
        try (FileHandle h = fs.open(segment.path(), FileSystem.OpenMode.READ)) {
            long size = h.size();
            if (size != WalFormat.HEADER_SIZE) {
                return size < WalFormat.HEADER_SIZE;
            }
            ByteBuffer header = ByteBuffer.allocate(WalFormat.HEADER_SIZE);
            h.readFully(header, 0);
            for (int i = 0; i < WalFormat.HEADER_SIZE; i++) {
                if (header.get(i) != 0) {
                    return false;
                }
            }
            return true;
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

    /** Bytes after {@link #endOffset()}, once {@link #next()} returned null: a torn tail, or 0. */
    long tornBytes() {
        return size - position;
    }

    /** Why the segment ended early (a torn tail), or null if it ended cleanly. */
    String tornTail() {
        return tornTail;
    }

    String name() {
        return name;
    }

    /** The next record, or null at the end of the segment (clean or a torn tail). */
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
            ended = true;
            return null;
        }
        if (remaining < WalFormat.RECORD_OVERHEAD) {
            return badRecord(position, "truncated record: " + remaining + " bytes left, a record takes at least "
                    + WalFormat.RECORD_OVERHEAD);
        }
        int i = ensure(position, WalFormat.RECORD_HEADER_SIZE);
        long length = Integer.toUnsignedLong(window.getInt(i));
        long lsn = window.getLong(i + 4);
        byte type = window.get(i + 12);
        if (length > WalFormat.MAX_PAYLOAD) {
            return badRecord(position, "record length " + length + " exceeds the limit of " + WalFormat.MAX_PAYLOAD);
        }
        if (WalFormat.RECORD_OVERHEAD + length > remaining) {
            return badRecord(position, "truncated record: length " + length + " needs "
                    + (WalFormat.RECORD_OVERHEAD + length) + " bytes, " + remaining + " left");
        }
        byte[] payload = checkedPayload(position, (int) length);
        if (payload == null) {
            return badRecord(position, "checksum mismatch");
        }
        if (lsn != nextLsn) {
            throw corrupt(position, "expected LSN " + nextLsn + ", found " + lsn);
        }
        if (type == 0) {
            throw corrupt(position, "invalid record type 0");
        }
        position += WalFormat.RECORD_OVERHEAD + length;
        nextLsn++;
        return new WalRecord(lsn, type, payload);
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

    private WalRecord badRecord(long offset, String reason) throws IOException {
        if (!tornTailAllowed) {
            throw corrupt(offset, reason);
        }
        if (validRecordFollows(offset)) {
            throw corrupt(offset, reason + "; valid records follow, so this is not a torn tail");
        }
        ended = true;
        tornTail = "torn record at offset " + offset + " of " + name + " (" + reason + "), "
                + (size - offset) + " bytes dropped";
        return null;
    }

    /**
     * Looks at every offset after a bad record for a record with a good checksum and a plausible
     * LSN (at least the expected one, at most one per 17 bytes left). A torn write leaves nothing
     * valid behind it; corruption in the middle of the log does.
     */
    private boolean validRecordFollows(long from) throws IOException {
        long maxAhead = (size - from) / WalFormat.RECORD_OVERHEAD + 1;
        for (long q = from + 1; q + WalFormat.RECORD_OVERHEAD <= size; q++) {
            int i = ensure(q, 12);
            long length = Integer.toUnsignedLong(window.getInt(i));
            long ahead = window.getLong(i + 4) - nextLsn;
            if (ahead < 0 || ahead > maxAhead || length > WalFormat.MAX_PAYLOAD
                    || q + WalFormat.RECORD_OVERHEAD + length > size) {
                continue;
            }
            if (checkedPayload(q, (int) length) != null) {
                return true;
            }
        }
        return false;
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

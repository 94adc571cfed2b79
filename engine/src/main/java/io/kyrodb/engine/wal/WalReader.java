package io.kyrodb.engine.wal;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.IoErrors;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the WAL back in LSN order, from a given LSN to its end, for recovery. See
 * docs/format/wal.md and {@link WalFormat}.
 *
 * <p>Where the log ends (see {@link SegmentScanner}): each segment's records end at an all-zero
 * record header (its preallocated space) or at the end of the file, and the next segment
 * continues with the next LSN. The newest segment may also end in a torn record and unsynced
 * writes (a write a crash interrupted, never acknowledged): reading stops at the last good record
 * and {@link #tornTail()} says so; {@link WalWriter#open} zeroes those bytes. Anything else that is
 * wrong (a bad record or data after the end in an older segment, a record after the end of the
 * newest one that proves the end was durable, a bad header, an unknown format version, an LSN gap)
 * throws {@link KyroException} {@code XX001} naming the file and byte offset: never silently skipped.
 *
 * <p>The reader does not modify the WAL. Use it before opening the {@link WalWriter}, not while one
 * appends. Not thread-safe.
 */
public final class WalReader implements Closeable {
    private final FileSystem fs;
    private final Path walDir;
    private final long fromLsn;
    private final List<WalFormat.Segment> segments;
    private int index;
    private SegmentScanner scanner;
    private long nextLsn;
    private boolean ended;
    private String tornTail;

    private WalReader(FileSystem fs, Path walDir, long fromLsn, List<WalFormat.Segment> segments) {
        this.fs = fs;
        this.walDir = walDir;
        this.fromLsn = fromLsn;
        this.segments = segments;
    }

    /**
     * Opens the WAL in {@code walDir} to read the records from {@code fromLsn} on (the first LSN
     * not yet covered by a checkpoint; {@link WalFormat#FIRST_LSN} to read everything). Throws
     * {@code XX001} if segments holding {@code fromLsn} were deleted.
     */
    public static WalReader open(FileSystem fs, Path walDir, long fromLsn) {
        if (fromLsn < WalFormat.FIRST_LSN) {
            throw new IllegalArgumentException("fromLsn must be at least 1, not " + fromLsn);
        }
        List<WalFormat.Segment> segments;
        try {
            segments = WalFormat.listSegments(fs, walDir);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not list WAL directory " + walDir);
        }
        WalReader reader = new WalReader(fs, walDir, fromLsn, segments);
        if (segments.isEmpty()) {
            if (fromLsn > WalFormat.FIRST_LSN) {
                throw new KyroException(SqlState.DATA_CORRUPTED, "WAL directory " + walDir
                        + " has no segments, but recovery needs the records from LSN " + fromLsn);
            }
            reader.nextLsn = WalFormat.FIRST_LSN;
            reader.ended = true;
            return reader;
        }
        int start = 0;
        while (start + 1 < segments.size() && segments.get(start + 1).firstLsn() <= fromLsn) {
            start++;
        }
        WalFormat.Segment first = segments.get(start);
        if (first.firstLsn() > fromLsn) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "WAL in " + walDir + " begins at LSN "
                    + first.firstLsn() + " (" + WalFormat.display(first.path())
                    + "), but recovery needs the records from LSN " + fromLsn);
        }
        reader.index = start;
        reader.nextLsn = first.firstLsn();
        return reader;
    }

    /**
     * The next record with an LSN of at least {@code fromLsn}, or null at the end of the log.
     *
     * @throws KyroException XX001 on corruption, 58030 on an I/O error
     */
    public WalRecord next() {
        while (!ended) {
            if (scanner == null) {
                openSegment();
            }
            WalRecord r = scanner.next();
            if (r != null) {
                nextLsn = r.lsn() + 1;
                if (r.lsn() >= fromLsn) {
                    return r;
                }
                continue;
            }
            if (scanner.tornTail() != null) {
                tornTail = scanner.tornTail();
            }
            scanner.close();
            scanner = null;
            index++;
            if (index == segments.size()) {
                ended = true;
                if (nextLsn < fromLsn) {
                    throw new KyroException(SqlState.DATA_CORRUPTED, "WAL in " + walDir + " ends before LSN "
                            + nextLsn + ", but recovery needs the records from LSN " + fromLsn);
                }
            }
        }
        return null;
    }

    /**
     * The LSN after the last record read: once {@link #next()} returned null, the LSN the writer
     * gives the next record.
     */
    public long nextLsn() {
        return nextLsn;
    }

    /** If the log ended in a torn tail or unsynced writes (discarded), what was found; else null. */
    public String tornTail() {
        return tornTail;
    }

    @Override
    public void close() {
        ended = true;
        if (scanner != null) {
            SegmentScanner s = scanner;
            scanner = null;
            s.close();
        }
    }

    private void openSegment() {
        WalFormat.Segment segment = segments.get(index);
        boolean newest = index == segments.size() - 1;
        SegmentScanner opened = SegmentScanner.open(fs, segment, newest);
        if (opened.firstLsn() != nextLsn) {
            opened.close();
            throw new KyroException(SqlState.DATA_CORRUPTED, "corrupt WAL segment " + opened.name()
                    + " at offset " + WalFormat.HEADER_FIRST_LSN_OFFSET + ": LSN gap: the previous segment"
                    + " ends before LSN " + nextLsn + ", this one starts at LSN " + opened.firstLsn());
        }
        scanner = opened;
    }
}

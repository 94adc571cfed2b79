package io.kyrodb.engine.wal;

import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * Finds where the log ends when a {@link WalWriter} opens, and repairs what a crash may have left
 * there. A torn record at the end of the newest segment, and any unsynced writes after the last
 * good record, are overwritten with zeros: the file keeps its preallocated size (a truncation
 * would give the space back and make the next appends grow the file again), and no stale bytes
 * stay behind that a later log could run into. A leftover {@link WalFormat#PREPARED_NAME} (a
 * preallocation the crash interrupted) is deleted. Every repair, and what a crashed process wrote
 * but never fsynced, is fsynced before the writer appends, so a second crash finds the same state
 * and the recovered records are as durable as the writer claims.
 */
final class WalRecovery {
    private WalRecovery() {
    }

    static WalWriter openForAppend(FileSystem fs, Path dir, WalWriter.Options options) throws IOException {
        fs.createDirectories(dir);
        // A process that crashed may have left directory entries (wal/ itself, a new segment) that
        // were never fsynced; make them durable before trusting them. Two fsyncs per open.
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            fs.syncDirectory(parent);
        }
        fs.syncDirectory(dir);
        String recovered = null;
        if (fs.deleteIfExists(dir.resolve(WalFormat.PREPARED_NAME))) {
            // Never named as a segment, so it holds no record; if the deletion is lost, the next open repeats it.
            recovered = "deleted an unused preallocated segment (" + WalFormat.PREPARED_NAME + ")";
        }
        List<WalFormat.Segment> segments = WalFormat.listSegments(fs, dir);
        if (segments.isEmpty()) {
            return WalWriter.create(fs, dir, options, recovered);
        }
        WalFormat.Segment last = segments.getLast();
        long end;
        long discardedEnd;
        long nextLsn;
        String torn;
        try (SegmentScanner scanner = SegmentScanner.open(fs, last, true)) {
            while (scanner.next() != null) {
                // scanning to the end validates every record
            }
            end = scanner.endOffset();
            discardedEnd = scanner.discardedEnd();
            nextLsn = scanner.nextLsn();
            torn = scanner.tornTail();
        }
        FileHandle handle = fs.open(last.path(), FileSystem.OpenMode.READ_WRITE);
        long size;
        try {
            for (long pos = end; pos < discardedEnd; ) {
                var zeros = WalFormat.zeros(discardedEnd - pos);
                int n = zeros.remaining();
                handle.write(zeros, pos);
                pos += n;
            }
            if (torn != null) {
                recovered = (recovered == null ? "" : recovered + "; ") + torn + ", zeroed";
            }
            // Records a crashed process wrote may still sit only in the OS cache: make them
            // durable (and the zeros) before anything is replayed from them or appended after them.
            handle.syncData();
            size = handle.size();
        } catch (IOException e) {
            try {
                handle.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        TreeMap<Long, Path> byLsn = new TreeMap<>();
        for (WalFormat.Segment s : segments) {
            byLsn.put(s.firstLsn(), s.path());
        }
        return WalWriter.resume(fs, dir, options, byLsn, handle, size, end, nextLsn, recovered);
    }
}

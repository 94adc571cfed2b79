package io.kyrodb.engine.wal;

import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * Finds where the log ends when a {@link WalWriter} opens, and repairs what a crash may have left
 * there: a torn tail of the newest segment is truncated at the last good record, a newest segment
 * whose creation was interrupted is deleted (see {@link SegmentScanner}). Every repair, and what
 * a crashed process wrote but never fsynced, is fsynced before the writer appends, so a second
 * crash finds the same state and the recovered records are as durable as the writer claims.
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
        List<WalFormat.Segment> segments = WalFormat.listSegments(fs, dir);
        String recovered = null;
        boolean interrupted = false;
        if (!segments.isEmpty() && SegmentScanner.isInterruptedCreation(fs, segments.getLast())) {
            Path path = segments.removeLast().path();
            fs.delete(path);
            fs.syncDirectory(dir);
            interrupted = true;
            recovered = "deleted " + WalFormat.display(path) + ", a segment whose creation a crash interrupted";
        }
        if (segments.isEmpty()) {
            return WalWriter.create(fs, dir, options, recovered);
        }
        WalFormat.Segment last = segments.getLast();
        long end;
        long nextLsn;
        String torn;
        // The segment before an interrupted one was complete and fsynced: no torn tail allowed.
        try (SegmentScanner scanner = SegmentScanner.open(fs, last, !interrupted)) {
            while (scanner.next() != null) {
                // scanning to the end validates every record
            }
            end = scanner.endOffset();
            nextLsn = scanner.nextLsn();
            torn = scanner.tornTail();
        }
        FileHandle handle = fs.open(last.path(), FileSystem.OpenMode.READ_WRITE);
        try {
            if (torn != null) {
                handle.truncate(end);
                recovered = torn + ", truncated";
            }
            // Records a crashed process wrote may still sit only in the OS cache: make them
            // durable before anything is replayed from them or appended after them.
            handle.sync();
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
        return WalWriter.resume(fs, dir, options, byLsn, handle, end, nextLsn, recovered);
    }
}

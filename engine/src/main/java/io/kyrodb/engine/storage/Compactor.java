package io.kyrodb.engine.storage;

import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.storage.run.KeyRows;
import io.kyrodb.engine.storage.run.Run;
import io.kyrodb.engine.storage.run.RunFormat;
import io.kyrodb.engine.storage.run.RunStats;
import io.kyrodb.engine.storage.run.RunWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Merges adjacent runs of a table into one, copying row bytes (and key rows) without decoding them and keeping
 * the versions {@link VersionGc} says. For a key in several inputs, the newer run's versions come
 * first: a newer run's versions of a key are all newer than an older run's.
 */
final class Compactor {
    private Compactor() {
    }

    private static final class Head {
        final Run.RawCursor cursor;
        final int rank;
        byte[] key;
        boolean keyChanged;

        Head(Run.RawCursor cursor, int rank) {
            this.cursor = cursor;
            this.rank = rank;
        }

        boolean advance() {
            if (!cursor.next()) {
                return false;
            }
            keyChanged = key == null || cursor.compareKey(key) != 0;
            if (keyChanged) {
                key = cursor.key();
            }
            return true;
        }
    }

    /**
     * Merges {@code newestFirst} into {@code file} and fsyncs it ({@code keyRows}: as {@link
     * Flusher#write}; a key row of an input with the same kinds is copied as one). Returns its stats, or null (and no
     * file) when nothing was left. {@code stop} is polled so a closing database need not wait.
     */
    static RunStats merge(FileSystem fs, Path file, List<Run> newestFirst, long oldestSnapshot, boolean bottom,
                          int epsilon, KeyRows keyRows, BooleanSupplier stop) throws IOException {
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> {
            int c = Arrays.compareUnsigned(a.key, b.key);
            return c != 0 ? c : Integer.compare(a.rank, b.rank);
        });
        for (int i = 0; i < newestFirst.size(); i++) {
            Head h = new Head(newestFirst.get(i).raw(), i);
            if (h.advance()) {
                heads.add(h);
            }
        }
        VersionGc gc = new VersionGc(oldestSnapshot, bottom);
        byte[] first = newestFirst.getFirst().firstKey();
        byte[] last = newestFirst.getFirst().lastKey();
        for (Run r : newestFirst) {
            first = Arrays.compareUnsigned(r.firstKey(), first) < 0 ? r.firstKey() : first;
            last = Arrays.compareUnsigned(r.lastKey(), last) > 0 ? r.lastKey() : last;
        }
        RunWriter out = RunWriter.create(fs, file, RunFormat.sharedPrefix(first, last), epsilon, keyRows);
        try {
            long entries = 0;
            long n = 0;
            while (!heads.isEmpty()) {
                if ((++n & 0xFFF) == 0 && stop.getAsBoolean()) {
                    throw new InterruptedIOException("compaction stopped: the database is closing");
                }
                byte[] key = heads.peek().key;
                gc.startKey();
                // Every head on this key, newest run first; each run's versions newest first.
                while (!heads.isEmpty() && Arrays.equals(heads.peek().key, key)) {
                    Head h = heads.poll();
                    boolean more;
                    do {
                        Run.RawCursor c = h.cursor;
                        if (gc.keep(c.seq(), c.isDelete())) {
                            if (c.isDelete()) {
                                out.add(key, c.seq(), null);
                            } else if (c.isKeyRow() && out.storesKeyRows(c.keyKinds())) {
                                out.addKeyRow(key, c.seq());
                            } else {
                                out.add(key, c.seq(), c.rowData(), c.rowOffset(), c.rowLength());
                            }
                            entries++;
                        }
                        more = h.advance();
                    } while (more && !h.keyChanged);
                    if (more) {
                        heads.add(h);
                    }
                }
            }
            if (entries == 0) {
                out.abort();
                return null;
            }
            return out.finish();
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    /** Compaction gave up because the database is closing. */
    static final class InterruptedIOException extends IOException {
        InterruptedIOException(String message) {
            super(message);
        }
    }
}

package io.kyrodb.engine.storage;

import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.ValueCodec;
import io.kyrodb.engine.storage.run.KeyRows;
import io.kyrodb.engine.storage.run.RunFormat;
import io.kyrodb.engine.storage.run.RunStats;
import io.kyrodb.engine.storage.run.RunWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** Writes a frozen memtable to a new run file, keeping the versions {@link VersionGc} says. */
final class Flusher {
    private Flusher() {
    }

    /**
     * Writes {@code memtable} to {@code file} and fsyncs it ({@code keyRows}: the table's rows are
     * their keys, see {@link KeyRows}; else null). Returns its stats, or null (and no file)
     * when nothing was left to keep. On failure the file is deleted and the error thrown.
     */
    static RunStats write(FileSystem fs, Path file, Memtable memtable, long oldestSnapshot, boolean bottom, int epsilon,
                          KeyRows keyRows) throws IOException {
        if (memtable.isEmpty()) {
            return null;
        }
        VersionGc gc = new VersionGc(oldestSnapshot, bottom);
        ByteWriter row = new ByteWriter(256);
        int skip = RunFormat.sharedPrefix(memtable.firstKey(), memtable.lastKey());
        RunWriter out = RunWriter.create(fs, file, skip, epsilon, keyRows);
        try {
            long entries = 0;
            for (Iterator<Map.Entry<byte[], Version>> it = memtable.chains(null); it.hasNext(); ) {
                Map.Entry<byte[], Version> e = it.next();
                gc.startKey();
                long newer = Long.MAX_VALUE;
                for (Version v = e.getValue(); v != null; v = v.older) {
                    if (v.seq == Version.UNCOMMITTED) {
                        throw new IllegalStateException("a frozen memtable holds an uncommitted version");
                    }
                    if (v.seq == newer) {
                        continue;   // an earlier write of the same transaction: never visible
                    }
                    newer = v.seq;
                    if (!gc.keep(v.seq, v.row == null)) {
                        continue;
                    }
                    if (v.row == null) {
                        out.add(e.getKey(), v.seq, null);
                    } else {
                        row.reset();
                        ValueCodec.writeRow(row, v.row);
                        out.add(e.getKey(), v.seq, row.array(), 0, row.size());
                    }
                    entries++;
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
}

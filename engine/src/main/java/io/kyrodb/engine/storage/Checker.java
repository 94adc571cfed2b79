package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.fs.DatabaseLock;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.run.BlockCache;
import io.kyrodb.engine.storage.run.Run;
import io.kyrodb.engine.storage.run.RunFormat;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.wal.WalReader;
import io.kyrodb.engine.wal.WalRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code kyro check}: reads every byte of a closed database directory and verifies every checksum
 * and invariant, reporting each problem with its file and offset instead of stopping at the first.
 * <ul>
 * <li>the checkpoint: its checksum and format; every run it lists exists;</li>
 * <li>each run: header, footer, index, Bloom filter and every block's checksum; keys in order and
 * decodable as the table's key; the versions of a key newest first; every row decodable, with no
 * more columns than its table; every key in the Bloom filter; the footer's counts; no version
 * newer than the checkpoint; each run's versions newer than those of the runs below it;</li>
 * <li>the WAL from the checkpoint on: every record's checksum, LSNs without gaps, every
 * transaction decodable; a torn tail is reported as a note (recovery truncates it);</li>
 * <li>files in {@code runs/} no checkpoint lists are notes (the next open deletes them).</li>
 * </ul>
 * Takes the directory lock, so it refuses (55006) a database another process has open.
 */
public final class Checker {
    /** One finding: an error breaks the database, a note does not. */
    public record Finding(boolean error, String where, String message) {
        @Override
        public String toString() {
            return (error ? "ERROR " : "note  ") + where + ": " + message;
        }
    }

    /** What a check found, and what it looked at. */
    public record Report(List<Finding> findings, long runs, long entries, long walRecords) {
        public boolean ok() {
            return findings.stream().noneMatch(Finding::error);
        }
    }

    private final FileSystem fs;
    private final Path dir;
    private final List<Finding> findings = new ArrayList<>();
    private long runs;
    private long entries;
    private long walRecords;

    private Checker(FileSystem fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    public static Report check(FileSystem fs, Path dir) {
        if (!fs.exists(dir.resolve(Checkpoint.FILE_NAME)) && !fs.exists(dir.resolve("wal"))) {
            throw new KyroException(io.kyrodb.engine.SqlState.UNDEFINED_OBJECT, dir + " is not a KyroDB database "
                    + "(it has neither a checkpoint nor a wal/ directory)");
        }
        try (DatabaseLock lock = DatabaseLock.acquire(fs, dir)) {
            Checker c = new Checker(fs, dir);
            c.run();
            return new Report(List.copyOf(c.findings), c.runs, c.entries, c.walRecords);
        }
    }

    private void error(String where, String message) {
        findings.add(new Finding(true, where, message));
    }

    private void note(String where, String message) {
        findings.add(new Finding(false, where, message));
    }

    private void run() {
        Checkpoint cp;
        try {
            cp = Checkpoint.load(fs, dir);
            if (cp == null) {
                cp = Checkpoint.empty(java.util.Map.of());
            }
        } catch (KyroException e) {
            error(Checkpoint.FILE_NAME, e.getMessage());
            return;
        }
        Set<Long> listed = new HashSet<>();
        BlockCache cache = new BlockCache(0);
        // columns of enum and domain types key as the types' definitions say (a domain as its base type)
        io.kyrodb.engine.catalog.Catalog types = io.kyrodb.engine.catalog.Catalog.empty();
        for (io.kyrodb.engine.types.UserType t : cp.types()) {
            types = types.with(t);
        }
        List<Checkpoint.TableEntry> resolved = new ArrayList<>();
        for (Checkpoint.TableEntry t : cp.tables()) {
            Change.CreateTable d = t.definition();
            try {
                resolved.add(new Checkpoint.TableEntry(new Change.CreateTable(d.name(),
                        io.kyrodb.engine.catalog.UserTypes.resolve(types, d.columns()), d.primaryKey(), d.checks(),
                        d.foreignKeys()), t.nextRowId(), t.runIds()));
            } catch (KyroException e) {
                error(Checkpoint.FILE_NAME, "table \"" + d.name() + "\": " + e.getMessage());
                resolved.add(t);
            }
        }
        List<Checkpoint.TableEntry> stored = new ArrayList<>(resolved);
        for (Checkpoint.IndexEntry i : cp.indexes()) {
            Change.CreateTable parent = resolved.stream().filter(t -> t.definition().name().equals(i.definition().table()))
                    .map(Checkpoint.TableEntry::definition).findFirst().orElse(null);
            if (parent == null) {
                error(Checkpoint.FILE_NAME, "index \"" + i.definition().name() + "\" of table \"" + i.definition().table()
                        + "\", which the checkpoint does not list");
                continue;
            }
            List<Column> columns = Index.storageColumns(parent.columns(), parent.primaryKey(), i.definition().columns());
            stored.add(new Checkpoint.TableEntry(new Change.CreateTable(i.definition().name(), columns,
                    Index.allColumns(columns.size())), 0, i.runIds()));
        }
        for (Checkpoint.TableEntry t : stored) {
            long newerMinSeq = Long.MAX_VALUE;
            String newerName = null;
            for (long id : t.runIds()) {
                listed.add(id);
                Path file = dir.resolve("runs").resolve(RunFormat.fileName(id));
                String name = "runs/" + file.getFileName();
                if (!fs.exists(file)) {
                    error(name, "listed by the checkpoint for table \"" + t.definition().name() + "\" but missing");
                    continue;
                }
                long[] seqRange = checkRun(file, id, t, cp.walLsn(), cache);
                if (seqRange != null) {
                    if (newerName != null && seqRange[1] >= newerMinSeq) {
                        error(name, "holds versions up to commit " + seqRange[1] + ", not older than the newer run "
                                + newerName + "'s oldest (" + newerMinSeq + ")");
                    }
                    newerMinSeq = seqRange[0];
                    newerName = name;
                }
            }
        }
        try {
            Path runsDir = dir.resolve("runs");
            if (fs.exists(runsDir)) {
                for (Path p : fs.list(runsDir)) {
                    if (!listed.contains(RunFormat.idOf(p.getFileName().toString()))) {
                        note("runs/" + p.getFileName(), "not listed by the checkpoint (left by an interrupted flush or "
                                + "compaction; the next open deletes it)");
                    }
                }
            }
        } catch (IOException e) {
            error("runs/", "could not list: " + e.getMessage());
        }
        checkWal(cp.walLsn());
    }

    /** Checks one run; returns its {min, max} commit sequence, or null if it could not be read. */
    private long[] checkRun(Path file, long id, Checkpoint.TableEntry table, long walLsn, BlockCache cache) {
        String name = "runs/" + file.getFileName();
        Run run;
        try {
            run = Run.open(fs, file, id, cache);
        } catch (KyroException e) {
            error(name, e.getMessage());
            return null;
        }
        runs++;
        Change.CreateTable def = table.definition();
        TypeKind[] keyKinds = keyKinds(def);
        long min = Long.MAX_VALUE;
        long max = 0;
        long n = 0;
        long keys = 0;
        long deletes = 0;
        try {
            Run.RawCursor c = run.raw();
            byte[] prevKey = null;
            long prevSeq = Long.MAX_VALUE;
            boolean v3 = run.version() >= 3;
            if (run.keyKinds() != null && !Arrays.equals(run.keyKinds(), keyKinds)) {
                error(name, "key rows of kinds " + Arrays.toString(run.keyKinds()) + " in table \"" + def.name()
                        + "\", whose key is " + Arrays.toString(keyKinds));
            }
            while (c.next()) {
                n++;
                long seq = c.seq();
                String at = name + " at offset " + c.blockOffset();
                boolean sameKey = prevKey != null && c.compareKey(prevKey) == 0;
                int kind = c.kind();
                if (kind != RunFormat.PUT && kind != RunFormat.DELETE && !(v3 && kind == RunFormat.KEY_ROW)) {
                    error(at, "an entry of unknown kind " + kind);
                }
                if (v3 && c.markedSameKey() != sameKey) {
                    error(at, sameKey ? "an older version not marked as the previous entry's key"
                            : "an entry marked as the previous entry's key that holds another");
                }
                if (!sameKey) {
                    byte[] key = c.key();
                    if (prevKey != null && Arrays.compareUnsigned(key, prevKey) < 0) {
                        error(at, "keys out of order");
                    }
                    try {
                        KeyCodec.decode(key, keyKinds);
                    } catch (RuntimeException e) {
                        error(at, "a key that is not a key of table \"" + def.name() + "\": " + e.getMessage());
                    }
                    if (!run.mightContain(key)) {
                        error(at, "a key missing from the run's Bloom filter");
                    }
                    prevKey = key;
                    keys++;
                } else if (seq >= prevSeq) {
                    error(at, "versions of a key not newest first (" + seq + " after " + prevSeq + ")");
                }
                prevSeq = seq;
                if (seq >= walLsn) {
                    error(at, "a version of commit " + seq + ", which the checkpoint (up to " + (walLsn - 1)
                            + ") does not cover");
                }
                min = Math.min(min, seq);
                max = Math.max(max, seq);
                if (c.isDelete()) {
                    deletes++;
                } else {
                    Object[] row = c.row();
                    if (row.length > def.columns().size()) {
                        error(at, "a row of " + row.length + " columns in table \"" + def.name() + "\" of "
                                + def.columns().size());
                    }
                }
            }
            var s = run.stats();
            if (s.entries() != n || s.keys() != keys || s.deletes() != deletes || s.maxSeq() != max) {
                error(name, "footer says " + s.entries() + " entries, " + s.keys() + " keys, " + s.deletes()
                        + " deletes, newest commit " + s.maxSeq() + "; the blocks hold " + n + ", " + keys + ", "
                        + deletes + ", " + max);
            }
            entries += n;
        } catch (KyroException e) {
            error(name, e.getMessage());
            return null;
        } finally {
            run.close();
        }
        return n == 0 ? null : new long[]{min, max};
    }

    private static TypeKind[] keyKinds(Change.CreateTable def) {
        if (def.primaryKey().length == 0) {
            return new TypeKind[]{TypeKind.BIGINT};
        }
        TypeKind[] kinds = new TypeKind[def.primaryKey().length];
        for (int i = 0; i < kinds.length; i++) {
            Column c = def.columns().get(def.primaryKey()[i]);
            kinds[i] = c.type().kind();
        }
        return kinds;
    }

    private void checkWal(long fromLsn) {
        Path walDir = dir.resolve("wal");
        if (!fs.exists(walDir)) {
            if (fromLsn > 1) {
                error("wal/", "missing, but the checkpoint expects the WAL to go on from LSN " + fromLsn);
            }
            return;
        }
        try (WalReader reader = WalReader.open(fs, walDir, fromLsn)) {
            for (WalRecord r; (r = reader.next()) != null; ) {
                walRecords++;
                if (r.type() != Journal.CHANGES && r.type() != Journal.SEQUENCE) {
                    error("wal/ LSN " + r.lsn(), "unknown record type " + r.type());
                    continue;
                }
                try {
                    if (r.type() == Journal.SEQUENCE) {
                        SequenceRecord.decode(r.payload(), "at WAL LSN " + r.lsn());
                        continue;
                    }
                    ChangeCodec.decode(r.payload(), "at WAL LSN " + r.lsn());
                } catch (KyroException e) {
                    error("wal/ LSN " + r.lsn(), e.getMessage());
                }
            }
            if (reader.tornTail() != null) {
                note("wal/", reader.tornTail() + " (recovery truncates it: that transaction never committed)");
            }
        } catch (KyroException e) {
            error("wal/", e.getMessage());
        }
    }
}

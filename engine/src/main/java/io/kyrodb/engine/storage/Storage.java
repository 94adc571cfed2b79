package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.View;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.IoErrors;
import io.kyrodb.engine.settings.Setting;
import io.kyrodb.engine.settings.SettingKind;
import io.kyrodb.engine.settings.Settings;
import io.kyrodb.engine.storage.run.BlockCache;
import io.kyrodb.engine.storage.run.IndexKind;
import io.kyrodb.engine.storage.run.Run;
import io.kyrodb.engine.storage.run.RunFormat;
import io.kyrodb.engine.storage.run.RunStats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The durable side of a database directory: the WAL ({@link Journal}), the sorted runs in
 * {@code runs/} and the {@link Checkpoint} that lists them (ARCHITECTURE.md, "Storage").
 * <pre>
 * kyro.lock, wal/   the Journal's
 * runs/             run files (RunFormat), named by run id; only those the checkpoint lists are live
 * checkpoint        the live runs, the catalog, and the WAL LSN up to which the runs are complete
 * tmp/              spill files of running statements (TempSpace); scratch
 * </pre>
 * <b>Life of a commit's rows.</b> The writer puts versions in the tables' active memtables and
 * appends the commit to the WAL. When the active memtables pass {@code memtable_size}, the commit
 * that crossed it freezes them all at its sequence F ({@link #afterCommit}, under the writer lock).
 * A background flush writes each frozen memtable to a run, fsyncs the runs and the WAL through F,
 * installs the runs and writes a checkpoint saying "runs hold every commit up to F"; then the WAL
 * before F+1 is deleted. Compaction merges runs in the background ({@link CompactionPolicy}) and
 * writes a new checkpoint; the runs it replaced are deleted once no statement can read them
 * ({@link ReadEpochs}). Recovery loads the checkpoint's runs and replays the WAL from F+1.
 *
 * <p><b>Threads.</b> {@link #afterCommit} and {@link #awaitFlushCapacity} run on the writer, under
 * the writer lock. Flushes and compactions run on {@link Background}, one flush and one compaction
 * at a time per database; both install results and write checkpoints under {@code checkpointLock}.
 * Lock order: writer lock, checkpointLock, this object's monitor, a TableData's monitor.
 */
public final class Storage {
    private static final Logger LOG = Logger.getLogger(Storage.class.getName());
    /** Frozen memtable sets waiting for their flush before commits wait (a write stall). */
    static final int MAX_PENDING_FREEZES = 2;
    /** How often an idle database looks for compaction work. */
    static final int IDLE_CHECK_SECONDS = 10;

    /** What the storage needs to know of the transaction side. */
    public interface Hooks {
        /** No version a snapshot at or above this may see can be dropped. */
        long oldestSnapshot();

        /** The catalog of the newest commit. */
        Catalog latestCatalog();

        /** The sequence of the newest commit. */
        long latestSeq();

        /** The first WAL LSN something other than the runs still needs (the HNSW indexes); the WAL from it is kept. */
        default long walNeededFrom() {
            return Long.MAX_VALUE;
        }
    }

    /** What recovery rebuilt: the catalog and the sequence of the last commit. */
    public record Recovered(Catalog catalog, long lastSeq) {
    }

    /** Every memtable frozen by one commit, with the catalog as of it. */
    private record Freeze(long seq, Catalog catalog, Map<TableData, Memtable> memtables) {
    }

    /** Runs taken out of use at an epoch; deleted once no statement entered before it runs. */
    private record Retired(List<Run> runs, long epoch) {
    }

    /** A dropped table that still owns runs; they go once no snapshot from before the drop is open. */
    private record Dropped(TableData data, long noticedSeq) {
    }

    private final Map<String, String> databaseSettings;
    private final IndexKind indexKind;
    private final int epsilon;
    private final FileSystem fs;
    private final Path dir;
    private final Path runsDir;
    private final Journal journal;
    private final Store store;
    private final BlockCache cache;
    private final long memtableLimit;
    private final AtomicLong nextRunId;
    private Hooks hooks;

    private final Object checkpointLock = new Object();
    private long flushedLsn;               // guarded by checkpointLock: first LSN not in runs
    private Catalog flushedCatalog;        // guarded by checkpointLock: the catalog as of flushedLsn - 1
    private boolean checkpointDirty;       // guarded by checkpointLock: runs changed, checkpoint not written
    /** Guarded by checkpointLock: runs compaction replaced that the checkpoint on disk still lists. */
    private final List<Run> awaitingCheckpoint = new ArrayList<>();

    // Guarded by this.
    private final ArrayDeque<Freeze> pending = new ArrayDeque<>();
    private final List<Retired> limbo = new ArrayList<>();
    private final Set<TableData> owners = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Dropped> dropped = new ArrayList<>();
    private KyroException flushFailure;
    private int backups;
    private long vacuumRequested;
    private long vacuumDone;
    private boolean vacuumAll;
    private final Set<TableData> vacuumTables = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private java.util.concurrent.ScheduledFuture<?> idleCheck;
    private boolean closing;

    private final Lane flushLane = new Lane("flush", this::flushPending);
    private final Lane compactLane = new Lane("compaction", this::compactSome);

    private Storage(FileSystem fs, Path dir, Journal journal, Store store, BlockCache cache, long memtableLimit,
                    long nextRunId, Map<String, String> databaseSettings, int epsilon) {
        this.databaseSettings = Map.copyOf(databaseSettings);
        this.indexKind = IndexKind.parse(databaseSettings.getOrDefault(Setting.PK_INDEX.key(),
                Setting.PK_INDEX.defaultValue()));
        this.epsilon = epsilon;
        this.fs = fs;
        this.dir = dir;
        this.runsDir = dir.resolve("runs");
        this.journal = journal;
        this.store = store;
        this.cache = cache;
        this.memtableLimit = memtableLimit;
        this.nextRunId = new AtomicLong(nextRunId);
    }

    /**
     * Opens the database in {@code dir} (creating it if missing), takes its lock and recovers:
     * the checkpoint's runs, then the WAL after them. Run files the checkpoint does not list (a
     * crashed flush's or compaction's output, or runs whose deletion a crash cut short) are deleted.
     */
    public static Opened open(FileSystem fs, Path dir, Settings settings, Store store, long memtableLimit, long cacheBytes) {
        Journal journal = Journal.open(fs, dir, settings.isOn(Setting.SYNC));
        List<Run> opened = new ArrayList<>();
        try {
            Checkpoint cp = Checkpoint.load(fs, dir);
            if (cp == null) {
                // A new database: its settings are fixed now, in a first checkpoint.
                Map<String, String> chosen = new java.util.TreeMap<>();
                for (Setting setting : Setting.all()) {
                    if (setting.kind() == SettingKind.DATABASE) {
                        chosen.put(setting.key(), settings.get(setting));
                    }
                }
                cp = Checkpoint.empty(chosen);
                cp.write(fs, dir);
            } else {
                checkDatabaseSettings(dir, cp.settings(), settings);
            }
            BlockCache cache = new BlockCache(cacheBytes);
            Storage s = new Storage(fs, dir, journal, store, cache, memtableLimit, cp.nextRunId(), cp.settings(),
                    Integer.parseInt(settings.get(Setting.LEARNED_INDEX_EPSILON)));
            store.pkIndex(s.indexKind);
            Catalog catalog = Catalog.empty();
            for (io.kyrodb.engine.types.UserType type : cp.types()) {   // first: table columns name them
                catalog = catalog.with(type);
            }
            Set<Long> live = new HashSet<>();
            for (Checkpoint.TableEntry e : cp.tables()) {
                Change.CreateTable def = e.definition();
                Table t = new Table(def.name(), io.kyrodb.engine.catalog.UserTypes.resolve(catalog, def.columns()), def.primaryKey(), def.checks(), def.foreignKeys(), store);
                t.data().nextRowId(e.nextRowId());
                s.loadRuns(t, e.runIds(), "table", cache, opened, live);
                catalog = catalog.with(t);
            }
            for (Checkpoint.IndexEntry e : cp.indexes()) {
                Change.CreateIndex def = e.definition();
                Table parent = catalog.table(def.table());
                if (parent == null) {
                    throw new KyroException(SqlState.DATA_CORRUPTED, "the checkpoint lists index \"" + def.name()
                            + "\" of table \"" + def.table() + "\", which it does not list");
                }
                Index index = def.build(parent, store);
                s.loadRuns(index.storage(), e.runIds(), "index", cache, opened, live);
                catalog = catalog.with(index);
            }
            for (io.kyrodb.engine.catalog.Sequence seq : cp.sequences()) {
                catalog = catalog.with(seq);
            }
            for (Change.CreateView v : cp.views()) {
                catalog = catalog.with(v.view());
            }
            for (Change.CreateMaterializedView m : cp.materializedViews()) {
                if (catalog.table(m.name()) == null) {
                    throw new KyroException(SqlState.DATA_CORRUPTED, "the checkpoint lists materialized view \""
                            + m.name() + "\", whose table it does not list");
                }
                catalog = catalog.with(m.view());
            }
            for (io.kyrodb.engine.catalog.UserFunction f : cp.functions()) {
                catalog = catalog.with(f);
            }
            for (io.kyrodb.engine.catalog.VectorIndexDef v : cp.vectorIndexes()) {
                if (catalog.table(v.table()) == null) {
                    throw new KyroException(SqlState.DATA_CORRUPTED, "the checkpoint lists index \"" + v.name()
                            + "\" of table \"" + v.table() + "\", which it does not list");
                }
                catalog = catalog.with(v);
            }
            for (String schema : cp.schemas()) {
                catalog = catalog.withSchema(schema);
            }
            if (!cp.schemas().contains(io.kyrodb.engine.catalog.SchemaNames.PUBLIC)) {
                catalog = catalog.withoutSchema(io.kyrodb.engine.catalog.SchemaNames.PUBLIC);
            }
            for (var e : cp.comments().entrySet()) {
                catalog = catalog.withComment(e.getKey(), e.getValue());
            }
            io.kyrodb.engine.catalog.Routines routines = catalog.routines();
            for (io.kyrodb.engine.catalog.Trigger t : cp.triggers()) {
                routines = routines.withTrigger(t.key(), t);
            }
            catalog = catalog.with(routines);
            catalog = catalog.with(cp.access());
            s.deleteUnlisted(live);
            s.flushedLsn = cp.walLsn();
            s.flushedCatalog = catalog;
            Catalog[] current = {catalog};
            long started = System.nanoTime();
            long last = journal.recover(cp.walLsn(), new Journal.Replay() {
                @Override
                public void apply(List<Change> changes, long seq) {
                    for (Change c : changes) {
                        current[0] = replay(current[0], c, seq, store);
                    }
                }

                @Override
                public void sequence(String name, long value, boolean called, boolean set, long lsn) {
                    io.kyrodb.engine.catalog.Sequence seq = current[0].sequence(name);
                    if (seq != null) {   // else dropped since, or its creation never committed
                        seq.replay(value, called, set);
                    }
                }
            });
            LOG.fine(String.format("opened %s: checkpoint at WAL LSN %d with %d runs; replayed %d WAL records "
                            + "(%d bytes) up to LSN %d in %d ms", dir, cp.walLsn(), opened.size(), journal.replayed(),
                    journal.replayedBytes(), last, (System.nanoTime() - started) / 1_000_000));
            return new Opened(s, new Recovered(current[0], last));
        } catch (RuntimeException e) {
            for (Run r : opened) {
                try {
                    r.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            journal.closeQuietly();
            throw e;
        }
    }

    /** Opens the runs the checkpoint lists for {@code t} (a table or an index's entries). */
    private void loadRuns(Table t, long[] runIds, String what, BlockCache cache, List<Run> opened, Set<Long> live) {
        List<Run> runs = new ArrayList<>();
        for (long id : runIds) {
            Path file = runsDir.resolve(RunFormat.fileName(id));
            if (!fs.exists(file)) {
                throw new KyroException(SqlState.DATA_CORRUPTED, "the checkpoint lists run runs/"
                        + RunFormat.fileName(id) + " of " + what + " \"" + t.name() + "\", which is missing");
            }
            Run r = Run.open(fs, file, id, cache, indexKind);
            opened.add(r);
            runs.add(r);
            live.add(id);
        }
        t.data().loadRuns(runs);
        if (!runs.isEmpty()) {
            owners.add(t.data());
        }
    }

    /** A connection that names a database setting must name the value the database was created with. */
    public static void checkDatabaseSettings(Path dir, Map<String, String> stored, Settings requested) {
        for (Setting setting : Setting.all()) {
            if (setting.kind() == SettingKind.DATABASE && requested.isSet(setting)) {
                String value = stored.getOrDefault(setting.key(), setting.defaultValue());
                if (!value.equals(requested.get(setting))) {
                    throw new KyroException(SqlState.CONNECTION_REJECTED, "setting \"" + setting.key() + "\" is " + value
                            + " for database " + dir + " (chosen when it was created), but this connection asks for "
                            + requested.get(setting));
                }
            }
        }
    }

    /** The database settings it was created with. */
    public Map<String, String> databaseSettings() {
        return databaseSettings;
    }

    /** The index runs are searched with (pk_index). */
    public IndexKind indexKind() {
        return indexKind;
    }

    /** {@link #open}'s result. */
    public record Opened(Storage storage, Recovered recovered) {
    }

    private static Catalog replay(Catalog catalog, Change change, long seq, Store store) {
        switch (change) {
            case Change.CreateTable c -> {
                return catalog.with(new Table(c.name(), io.kyrodb.engine.catalog.UserTypes.resolve(catalog, c.columns()),
                        c.primaryKey(), c.checks(), c.foreignKeys(), store));
            }
            case Change.AlterTable a -> {
                Change.CreateTable d = a.definition();
                return catalog.with(table(catalog, d.name(), seq).redefine(
                        io.kyrodb.engine.catalog.UserTypes.resolve(catalog, d.columns()), d.checks(), d.foreignKeys()));
            }
            case Change.DefineType d -> {
                return catalog.with(d.type());
            }
            case Change.DropType d -> {
                return catalog.withoutType(d.key());
            }
            case Change.CreateSequence c -> {
                return catalog.with(c.sequence());
            }
            case Change.DropSequence d -> {
                return catalog.withoutSequence(d.name());
            }
            case Change.DropTable d -> {
                return catalog.without(d.name());
            }
            case Change.CreateIndex c -> {
                Table parent = table(catalog, c.table(), seq);
                return catalog.with(c.build(parent, store));
            }
            case Change.DropIndex d -> {
                return catalog.withoutIndex(d.name());
            }
            case Change.CreateView v -> {
                return catalog.with(v.view());
            }
            case Change.DropView d -> {
                return catalog.withoutView(d.name());
            }
            case Change.CreateMaterializedView m -> {
                table(catalog, m.name(), seq);
                return catalog.with(m.view());
            }
            case Change.RefreshMaterializedView r -> {
                io.kyrodb.engine.catalog.MaterializedView m = catalog.materializedView(r.name());
                if (m == null) {
                    throw new KyroException(SqlState.DATA_CORRUPTED, "WAL record at sequence " + seq
                            + " refreshes materialized view \"" + r.name() + "\", which does not exist");
                }
                return catalog.with(m.withPopulated(r.populated()));
            }
            case Change.CreateSchema c -> {
                return catalog.withSchema(c.name());
            }
            case Change.CreateFunction f -> {
                return catalog.with(f.function());
            }
            case Change.DropFunction d -> {
                return catalog.withoutFunction(d.key(), d.argumentTypes());
            }
            case Change.DropSchema d -> {
                return catalog.withoutSchema(d.name());
            }
            case Change.Comment c -> {
                return catalog.withComment(c.key(), c.text());
            }
            case Change.DefineTrigger t -> {
                return catalog.with(catalog.routines().withTrigger(t.key(), t.trigger()));
            }
            case Change.DefineAccess a -> {
                return catalog.with(a.access());
            }
            case Change.CreateVectorIndex v -> {
                table(catalog, v.definition().table(), seq);
                return catalog.with(v.definition());
            }
            case Change.Put p -> table(catalog, p.table(), seq).data().recover(p.key(), p.row(), seq);
            case Change.Delete d -> table(catalog, d.table(), seq).data().recover(d.key(), null, seq);
        }
        return catalog;
    }

    private static Table table(Catalog catalog, String name, long seq) {
        Table t = catalog.stored(name);
        if (t == null) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "WAL record at LSN " + seq + " changes table \"" + name
                    + "\", which does not exist at that point");
        }
        return t;
    }

    private void deleteUnlisted(Set<Long> live) {
        try {
            // The checkpoint just read may be one a crashed process renamed into place without the
            // directory fsync that makes it durable; make it durable before deleting the runs only
            // the checkpoint it replaced lists, or a power loss could bring that one back without them.
            fs.syncDirectory(dir);
            if (!fs.exists(runsDir)) {
                fs.createDirectories(runsDir);
                fs.syncDirectory(dir);
                return;
            }
            for (Path p : fs.list(runsDir)) {
                long id = RunFormat.idOf(p.getFileName().toString());
                if (!live.contains(id)) {
                    LOG.info("deleting " + p + ": no checkpoint lists it (left by an interrupted flush or compaction)");
                    fs.delete(p);
                }
            }
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not clean up " + runsDir);
        }
    }

    /** Starts background work; called once the transaction side exists. */
    public void start(Hooks hooks) {
        this.hooks = hooks;
        store.compactionRequests(delay -> {
            if (delay <= 0) {
                compactLane.schedule();
            } else {
                Background.EXECUTOR.schedule(compactLane::schedule, delay, TimeUnit.MILLISECONDS);
            }
        });
        compactLane.schedule();
        // Compaction is considered after every flush; this also catches a database gone quiet
        // after a DELETE, and runs retired while a long statement still read them.
        synchronized (this) {
            idleCheck = Background.EXECUTOR.scheduleWithFixedDelay(compactLane::schedule,
                    IDLE_CHECK_SECONDS, IDLE_CHECK_SECONDS, TimeUnit.SECONDS);
        }
    }

    public Journal journal() {
        return journal;
    }

    public BlockCache cache() {
        return cache;
    }

    // ---- The writer's side ------------------------------------------------------------------

    /**
     * Waits, under the writer lock, while flushes lag {@link #MAX_PENDING_FREEZES} freezes behind
     * (so memtables cannot grow without bound); fails with the flush's error if flushing fails.
     */
    public synchronized void awaitFlushCapacity() {
        while (pending.size() >= MAX_PENDING_FREEZES) {
            if (closing) {
                throw new KyroException(SqlState.CONNECTION_FAILURE, "the database is closing");
            }
            if (flushFailure != null) {
                // Try again now rather than after the lane's back-off: the disk may have room again.
                long attempts = flushLane.completed;
                flushLane.kick();
                while (flushLane.completed == attempts && !closing) {
                    waitAWhile(100);
                }
                if (flushFailure != null && pending.size() >= MAX_PENDING_FREEZES) {
                    throw new KyroException(flushFailure.state(), "cannot commit: writing changes to disk fails: "
                            + flushFailure.getMessage(), flushFailure);
                }
                continue;
            }
            waitAWhile(1000);
        }
    }

    private void waitAWhile(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KyroException(SqlState.QUERY_CANCELED, "interrupted while waiting for a flush");
        }
    }

    /**
     * Called by the writer under the writer lock after the commit {@code seq} was appended and
     * stamped: freezes every table's memtable once they hold {@code memtable_size}.
     */
    public void afterCommit(long seq, Catalog catalog) {
        if (store.activeBytes() >= memtableLimit) {
            freeze(seq, catalog);
        }
    }

    /**
     * CHECKPOINT: freezes now (caller holds the writer lock and has no uncommitted versions) and
     * returns the sequence {@link #awaitFlushed} waits for.
     */
    public long freezeNow(long seq, Catalog catalog) {
        freeze(seq, catalog);
        return seq;
    }

    /** Waits until commits up to {@code seq} are in runs and a checkpoint; throws a flush's error. */
    public void awaitFlushed(long seq) {
        synchronized (this) {
            while (!pending.isEmpty() && pending.peekFirst().seq() <= seq) {
                if (flushFailure != null) {
                    throw new KyroException(flushFailure.state(), "checkpoint failed: " + flushFailure.getMessage(),
                            flushFailure);
                }
                if (closing) {
                    throw new KyroException(SqlState.CONNECTION_FAILURE, "the database is closing");
                }
                try {
                    wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KyroException(SqlState.QUERY_CANCELED, "interrupted while waiting for the checkpoint");
                }
            }
        }
        synchronized (checkpointLock) {
            if (checkpointDirty) {
                writeCheckpoint();
            }
        }
    }

    /** Waits until no flush is pending and no background work runs (tests); throws a lane's failure. */
    public void awaitIdle() {
        while (true) {
            flushLane.awaitIdle();
            compactLane.awaitIdle();
            synchronized (this) {
                for (Lane lane : new Lane[]{flushLane, compactLane}) {
                    if (lane.lastFailure != null) {
                        throw new KyroException(lane.lastFailure.state(), lane.name + " failed: "
                                + lane.lastFailure.getMessage(), lane.lastFailure);
                    }
                }
                if (pending.isEmpty() && !flushLane.busy() && !compactLane.busy()) {
                    return;
                }
                try {
                    wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Freezes every table of {@code catalog} at commit {@code seq} and schedules the flush. */
    private void freeze(long seq, Catalog catalog) {
        Map<TableData, Memtable> frozen = new LinkedHashMap<>();
        for (Table t : catalog.storedTables()) {
            Memtable m = t.data().freeze();
            if (m != null) {
                frozen.put(t.data(), m);
            }
        }
        store.resetActive();
        synchronized (this) {
            pending.add(new Freeze(seq, catalog, frozen));
        }
        flushLane.schedule();
    }

    // ---- Flush ------------------------------------------------------------------------------------

    private void flushPending() throws IOException {
        while (true) {
            synchronized (checkpointLock) {
                if (checkpointDirty) {
                    writeCheckpoint();   // a flush installed its runs but its checkpoint write failed
                }
            }
            Freeze f;
            synchronized (this) {
                f = pending.peekFirst();
            }
            if (f == null) {
                synchronized (this) {
                    flushFailure = null;
                    notifyAll();
                }
                return;
            }
            flush(f);
        }
    }

    private void flush(Freeze f) throws IOException {
        // The checkpoint will say "runs hold every commit up to F": the WAL must hold them too, or
        // a crash could reuse LSNs the checkpoint claims (also with sync=off).
        journal.syncAll();
        long oldest = hooks.oldestSnapshot();
        Map<TableData, Run> made = new HashMap<>();
        try {
            for (Map.Entry<TableData, Memtable> e : f.memtables().entrySet()) {
                TableData data = e.getKey();
                // Frozen memtables are flushed oldest first, so this one lies directly on the runs.
                boolean bottom = data.state().runs().isEmpty();
                long id = nextRunId.getAndIncrement();
                Path file = runsDir.resolve(RunFormat.fileName(id));
                RunStats stats = Flusher.write(fs, file, e.getValue(), oldest, bottom, epsilon, data.keyRows());
                if (stats != null) {
                    made.put(data, Run.open(fs, file, id, cache, indexKind));
                }
            }
            if (!made.isEmpty()) {
                fs.syncDirectory(runsDir);
            }
        } catch (IOException | RuntimeException e) {
            discard(made.values());
            throw e;
        }
        synchronized (checkpointLock) {
            for (Map.Entry<TableData, Memtable> e : f.memtables().entrySet()) {
                Run run = made.get(e.getKey());
                e.getKey().installFlush(e.getValue(), run);
                if (run != null) {
                    synchronized (this) {
                        owners.add(e.getKey());
                    }
                }
            }
            flushedLsn = f.seq() + 1;
            flushedCatalog = f.catalog();
            checkpointDirty = true;
        }
        try {
            synchronized (checkpointLock) {
                writeCheckpoint();
            }
        } finally {
            // Only now: whoever waits for this freeze (CHECKPOINT, close, a stalled writer) finds its
            // checkpoint written, or the write failed and checkpointDirty says so. Removed before the
            // write, a CHECKPOINT could return while this thread still wrote the same checkpoint a
            // second time, and that write's failure would then be charged to the next statement.
            synchronized (this) {
                pending.removeFirst();   // its memtables are runs now, whether or not the checkpoint follows
                notifyAll();
            }
        }
        compactLane.schedule();
    }

    private void discard(Iterable<Run> runs) {
        for (Run r : runs) {
            try {
                r.close();
                fs.deleteIfExists(r.path());
            } catch (IOException | RuntimeException e) {
                LOG.warning("could not delete " + r + ": " + e.getMessage());
            }
        }
    }

    // ---- Checkpoint ---------------------------------------------------------------------------------

    /**
     * Writes the checkpoint for {@code flushedLsn}, then deletes the WAL it covers, notes dropped
     * tables and deletes runs no statement can reach. Caller holds checkpointLock.
     */
    private void writeCheckpoint() {
        Checkpoint cp = currentCheckpoint();
        cp.write(fs, dir);
        checkpointDirty = false;
        if (!awaitingCheckpoint.isEmpty()) {
            retire(List.copyOf(awaitingCheckpoint));
            awaitingCheckpoint.clear();
        }
        boolean backingUp;
        synchronized (this) {
            backingUp = backups > 0;
        }
        if (!backingUp) {   // a backup copies the WAL from an older checkpoint on
            // HNSW indexes replay the WAL after the LSN they cover at open: keep it (ARCHITECTURE.md "Vectors").
            journal.deleteBefore(Math.min(flushedLsn, hooks.walNeededFrom()));
        }
        Set<TableData> listed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Table t : flushedCatalog.storedTables()) {
            listed.add(t.data());
        }
        noteDropped(listed);
    }

    private static long[] runIds(Table t) {
        List<Run> runs = t.data().state().runs();
        long[] ids = new long[runs.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = runs.get(i).id();
        }
        return ids;
    }

    /** The checkpoint that describes the runs now: the flushed catalog's tables and their runs. Caller holds checkpointLock. */
    private Checkpoint currentCheckpoint() {
        List<Checkpoint.TableEntry> tables = new ArrayList<>();
        for (Table t : flushedCatalog.tables()) {
            List<Run> runs = t.data().state().runs();
            long[] ids = new long[runs.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = runs.get(i).id();
            }
            tables.add(new Checkpoint.TableEntry(new Change.CreateTable(t.name(), t.columns(), t.primaryKey(),
                    t.checks(), t.foreignKeys()), t.data().nextRowId(), ids));
        }
        List<Checkpoint.IndexEntry> indexes = new ArrayList<>();
        for (Index i : flushedCatalog.indexes()) {
            indexes.add(new Checkpoint.IndexEntry(Change.CreateIndex.of(i), runIds(i.storage())));
        }
        List<Change.CreateView> views = new ArrayList<>();
        for (View v : flushedCatalog.views()) {
            views.add(Change.CreateView.of(v));
        }
        return new Checkpoint(flushedLsn, nextRunId.get(), databaseSettings, tables, indexes,
                flushedCatalog.sequences(), views, flushedCatalog.vectorIndexes(), flushedCatalog.schemas(),
                flushedCatalog.comments(), flushedCatalog.materializedViews().stream()
                        .map(Change.CreateMaterializedView::of).toList(), flushedCatalog.types(), flushedCatalog.functions(),
                flushedCatalog.routines().triggers(), flushedCatalog.access());
    }

    // ---- Backup ----------------------------------------------------------------------------------

    /**
     * BACKUP TO {@code target}: copies the runs of the current checkpoint and the WAL after it into
     * a new directory, with a checkpoint that lists them; writers go on meanwhile. Opening the copy
     * recovers every commit appended to the WAL before the copy began, and none after. The runs
     * stay alive and the WAL is not truncated while the copy runs.
     */
    public void backup(Path target) {
        ReadEpochs.Slot slot = store.epochs().register();
        slot.enter();
        synchronized (this) {
            backups++;
        }
        try {
            Checkpoint cp;
            List<Path> runFiles = new ArrayList<>();
            synchronized (checkpointLock) {
                cp = currentCheckpoint();
                for (Table t : flushedCatalog.storedTables()) {
                    for (Run r : t.data().state().runs()) {
                        runFiles.add(r.path());
                    }
                }
            }
            journal.syncAll();
            Backup.copy(fs, target, cp, runFiles, journal.walExtents());
        } finally {
            synchronized (this) {
                backups--;
            }
            slot.exit();
            slot.close();
        }
    }

    /** Owners of runs that neither the checkpoint nor the newest catalog has are dropped tables. */
    private void noteDropped(Set<TableData> listed) {
        Set<TableData> latest = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Table t : hooks.latestCatalog().storedTables()) {
            latest.add(t.data());
        }
        long seq = hooks.latestSeq();
        synchronized (this) {
            for (var it = owners.iterator(); it.hasNext(); ) {
                TableData d = it.next();
                if (!listed.contains(d) && !latest.contains(d)) {
                    it.remove();
                    dropped.add(new Dropped(d, seq));
                }
            }
        }
    }

    // ---- Compaction ----------------------------------------------------------------------------------

    private void compactSome() throws IOException {
        long vacuumGeneration;
        synchronized (this) {
            vacuumGeneration = vacuumRequested;
        }
        for (Table t : hooks.latestCatalog().storedTables()) {
            if (isClosing()) {
                return;
            }
            List<Run> runs = t.data().state().runs();
            boolean vacuum = vacuumGeneration > vacuumDone && !runs.isEmpty() && vacuumWanted(t.data())
                    && (runs.size() > 1 || runs.getFirst().stats().deletes() > 0
                    || runs.getFirst().stats().entries() > runs.getFirst().stats().keys());
            List<Run> pick = vacuum ? List.copyOf(runs) : List.copyOf(CompactionPolicy.pick(runs, hooks.oldestSnapshot()));
            long start = System.nanoTime();
            boolean settled = pick.isEmpty() && runs.size() > 1 && t.data().extraRunReads().mergeWanted(start);
            if (settled) {
                pick = List.copyOf(runs);   // read often since its writes settled: one run, no merge on reads
            }
            if (!pick.isEmpty()) {
                compact(t.data(), pick);
            }
            if (settled) {
                long end = System.nanoTime();
                t.data().extraRunReads().merged(end, end - start);
            }
        }
        retireDropped();
        collect();
        synchronized (this) {
            if (vacuumGeneration > vacuumDone) {
                vacuumDone = vacuumGeneration;
                if (vacuumDone == vacuumRequested) {
                    vacuumAll = false;
                    vacuumTables.clear();
                }
            }
            notifyAll();
        }
    }

    private synchronized boolean vacuumWanted(TableData data) {
        return vacuumAll || vacuumTables.contains(data);
    }

    /**
     * VACUUM: merges every table's runs (or {@code only}'s) into one, dropping every version and delete no snapshot
     * needs, so deleted rows give their disk back; waits until done. The caller flushed first.
     */
    public void vacuum(TableData only) {
        long generation;
        synchronized (this) {
            generation = ++vacuumRequested;
            if (only == null) {
                vacuumAll = true;
            } else {
                vacuumTables.add(only);
            }
        }
        compactLane.schedule();
        synchronized (this) {
            while (vacuumDone < generation) {
                if (compactLane.lastFailure != null) {
                    throw new KyroException(compactLane.lastFailure.state(), "VACUUM failed: "
                            + compactLane.lastFailure.getMessage(), compactLane.lastFailure);
                }
                if (closing) {
                    throw new KyroException(SqlState.CONNECTION_FAILURE, "the database is closing");
                }
                try {
                    wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KyroException(SqlState.QUERY_CANCELED, "interrupted while waiting for VACUUM");
                }
            }
        }
    }

    private void compact(TableData data, List<Run> inputs) throws IOException {
        List<Run> all = data.state().runs();
        boolean bottom = all.getLast() == inputs.getLast();
        long oldest = hooks.oldestSnapshot();
        long id = nextRunId.getAndIncrement();
        Path file = runsDir.resolve(RunFormat.fileName(id));
        RunStats stats = Compactor.merge(fs, file, inputs, oldest, bottom, epsilon, data.keyRows(),
                this::isClosing);
        Run output = null;
        try {
            if (stats != null) {
                output = Run.open(fs, file, id, cache, indexKind);
                fs.syncDirectory(runsDir);
            }
        } catch (IOException | RuntimeException e) {
            if (output != null) {
                discard(List.of(output));
            } else {
                fs.deleteIfExists(file);
            }
            throw e;
        }
        synchronized (checkpointLock) {
            data.installCompaction(inputs, output);
            if (output != null) {
                synchronized (this) {
                    owners.add(data);
                }
            }
            checkpointDirty = true;
            awaitingCheckpoint.addAll(inputs);   // the checkpoint on disk still lists them
            writeCheckpoint();
        }
        LOG.fine(() -> "compacted " + inputs.size() + " runs of " + data.table().name() + " into "
                + (stats == null ? "nothing" : stats.keys() + " keys, " + stats.fileSize() + " bytes"));
    }

    /** Runs that left every table state; deleted by {@link #collect} once unreachable. */
    private void retire(List<Run> runs) {
        long epoch = store.epochs().advance();
        synchronized (this) {
            limbo.add(new Retired(List.copyOf(runs), epoch));
        }
    }

    private void retireDropped() {
        long oldest = hooks.oldestSnapshot();
        List<Dropped> ready = new ArrayList<>();
        synchronized (this) {
            for (var it = dropped.iterator(); it.hasNext(); ) {
                Dropped d = it.next();
                if (oldest >= d.noticedSeq()) {
                    ready.add(d);
                    it.remove();
                }
            }
        }
        for (Dropped d : ready) {
            List<Run> runs = d.data().state().runs();
            d.data().loadRuns(List.of());
            retire(runs);
        }
    }

    /** Closes and deletes retired runs that no running statement can still read. */
    private void collect() {
        long oldestActive = store.epochs().oldestActive();
        List<Run> gone = new ArrayList<>();
        synchronized (this) {
            for (var it = limbo.iterator(); it.hasNext(); ) {
                Retired r = it.next();
                if (r.epoch() <= oldestActive) {
                    gone.addAll(r.runs());
                    it.remove();
                }
            }
        }
        discard(gone);
    }

    // ---- Closing ------------------------------------------------------------------------------------

    private synchronized boolean isClosing() {
        return closing;
    }

    /**
     * Closes the database cleanly: waits for background work, freezes and flushes what is left as
     * of {@code latest} (the caller holds the writer lock, no transaction is open), writes a final
     * checkpoint, and releases every file and the lock. Reopening then replays no WAL.
     */
    public void close(long latestSeq, Catalog latest) {
        synchronized (this) {
            closing = true;
            if (idleCheck != null) {
                idleCheck.cancel(false);
            }
            notifyAll();
        }
        try {
            flushLane.awaitIdle();
            compactLane.awaitIdle();
            boolean ok = true;
            try {
                freeze(latestSeq, latest);
                flushLane.awaitIdle();
                flushPending();   // on this thread, in case the lane stopped on an error
                synchronized (checkpointLock) {
                    if (checkpointDirty) {
                        writeCheckpoint();
                    }
                }
            } catch (IOException | RuntimeException e) {
                ok = false;
                LOG.log(Level.WARNING, "closing " + dir + ": the final flush failed; the WAL keeps every commit", e);
            }
            List<Run> all = new ArrayList<>();
            synchronized (this) {
                for (Retired r : limbo) {
                    all.addAll(r.runs());
                }
                limbo.clear();
            }
            discard(all);   // no statement runs any more
            for (Table t : latest.storedTables()) {
                closeRuns(t.data());
            }
            synchronized (this) {
                for (TableData d : owners) {
                    closeRuns(d);
                }
                for (Dropped d : dropped) {
                    closeRuns(d.data());
                }
            }
            if (!ok) {
                LOG.warning("closed " + dir + " without a final checkpoint");
            }
        } finally {
            journal.close();
        }
    }

    private static void closeRuns(TableData data) {
        for (Run r : data.state().runs()) {
            try {
                r.close();
            } catch (RuntimeException e) {
                LOG.warning("could not close " + r + ": " + e.getMessage());
            }
        }
    }

    /** Releases files and the lock without flushing (the open failed, or the database is broken). */
    public void abandon() {
        synchronized (this) {
            closing = true;
            if (idleCheck != null) {
                idleCheck.cancel(false);
            }
            notifyAll();
        }
        flushLane.awaitIdle();
        compactLane.awaitIdle();
        journal.abandon();
    }

    // ---- Lanes -----------------------------------------------------------------------------------

    /** Background work that runs at most once at a time; scheduling while it runs makes it run again. */
    private final class Lane {
        private final String name;
        private final Job job;
        private boolean scheduled;   // guarded by Storage.this
        private boolean running;     // guarded by Storage.this
        private boolean again;       // guarded by Storage.this
        private int failures;        // guarded by Storage.this
        private KyroException lastFailure;   // guarded by Storage.this; cleared by a run that succeeds
        private long completed;              // guarded by Storage.this: runs finished, failed or not

        Lane(String name, Job job) {
            this.name = name;
            this.job = job;
        }

        void schedule() {
            synchronized (Storage.this) {
                if (closing) {
                    return;   // close() finishes the work on its own thread
                }
                if (running) {
                    again = true;
                    return;
                }
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            Background.EXECUTOR.execute(this::run);
        }

        private void scheduleRetry(long delayMillis) {
            Background.EXECUTOR.schedule(() -> {
                synchronized (Storage.this) {
                    scheduled = false;
                }
                schedule();
            }, delayMillis, TimeUnit.MILLISECONDS);
        }

        private void run() {
            synchronized (Storage.this) {
                scheduled = false;
                if (closing) {
                    return;
                }
                if (running) {
                    again = true;   // a kick queued this run while another was queued or running: one at a time
                    return;
                }
                running = true;
                again = false;
            }
            boolean failed = false;
            try {
                job.run();
            } catch (Compactor.InterruptedIOException e) {
                LOG.fine(e.getMessage());
            } catch (IOException | RuntimeException e) {
                failed = true;
                KyroException k = e instanceof KyroException ke ? ke
                        : e instanceof IOException io ? IoErrors.toKyro(io, name + " of " + dir + " failed")
                        : new KyroException(SqlState.INTERNAL_ERROR, name + " of " + dir + " failed: " + e, e);
                LOG.log(Level.WARNING, name + " of " + dir + " failed; retrying later", e);
                synchronized (Storage.this) {
                    if (this == flushLane) {
                        flushFailure = k;
                    }
                    lastFailure = k;
                    failures++;
                }
            } catch (Error e) {
                LOG.log(Level.SEVERE, name + " of " + dir + " failed", e);
                throw e;
            } finally {
                boolean rerun;
                long delay = 0;
                synchronized (Storage.this) {
                    running = false;
                    completed++;
                    rerun = again || failed;
                    if (!failed) {
                        failures = 0;
                        lastFailure = null;
                    } else {
                        delay = Math.min(30_000, 250L << Math.min(7, failures));
                        scheduled = true;
                    }
                    if (closing) {
                        rerun = false;
                        scheduled = false;
                    } else if (rerun && !failed) {
                        scheduled = true;   // busy without a gap: awaitIdle must not find the lane idle before the rerun
                    }
                    Storage.this.notifyAll();
                }
                if (rerun) {
                    if (failed) {
                        scheduleRetry(delay);
                    } else {
                        Background.EXECUTOR.execute(this::run);
                    }
                }
            }
        }

        /** Runs now unless running already, whatever back-off a failure set. */
        void kick() {
            synchronized (Storage.this) {
                if (closing) {
                    return;
                }
                if (running) {
                    again = true;
                    return;
                }
                scheduled = true;
            }
            Background.EXECUTOR.execute(this::run);
        }

        /** Whether the lane runs or waits to run; caller holds Storage.this. */
        boolean busy() {
            return running || scheduled;
        }

        /** Waits until the lane is not running. */
        void awaitIdle() {
            synchronized (Storage.this) {
                while (running) {
                    try {
                        Storage.this.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface Job {
        void run() throws IOException;
    }
}

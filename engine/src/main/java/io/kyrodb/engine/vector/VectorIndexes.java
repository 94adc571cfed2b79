package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.VectorIndexDef;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.storage.Journal;
import io.kyrodb.engine.txn.TransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The HNSW indexes of one open database ({@link HnswIndex} each), kept in step with its commits.
 * <pre>
 * vectors/&lt;name&gt;-&lt;id hex&gt;/   one graph per index (a Lucene directory with lucene-vectors), derived from
 *                           the rows: rebuilt when missing, unreadable or ahead of the WAL
 * </pre>
 * The graphs are found through {@link VectorIndexProvider}; without one, every search is exact.
 * At open each graph catches up with the WAL after the LSN it covers (into its delta), and the
 * checkpoint keeps that WAL ({@link #walNeededFrom}). A background thread refreshes deltas into
 * the graphs and builds graphs that are missing; until a graph is ready, searches are exact (a
 * half-built graph is never searched).
 */
public final class VectorIndexes implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(VectorIndexes.class.getName());
    private static final SecureRandom IDS = new SecureRandom();
    /** One daemon thread for every database's refreshes and background builds. */
    private static final ScheduledExecutorService WORK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kyro-vectors");
        t.setDaemon(true);
        return t;
    });
    static final long REFRESH_MILLIS = 1000;

    private Path root;                  // guarded by this when temporary (created on first use)
    private final boolean temporary;
    private volatile long neededAfterClose = Long.MAX_VALUE;
    private final VectorIndexProvider provider;
    private final TransactionManager transactions;
    /** Indexes of the committed catalog, by definition id. */
    private final Map<Long, HnswIndex> live = new ConcurrentHashMap<>();
    /** Graphs built ahead of their CREATE INDEX's commit, by definition id. */
    private final Map<Long, HnswIndex> prebuilt = new ConcurrentHashMap<>();
    private final AtomicInteger builds = new AtomicInteger();
    /** The builds running now and where they stand, by definition id (pg_stat_progress_create_index). */
    private final Map<Long, BuildProgress> progress = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> refresher;
    private volatile boolean closing;

    /** {@code root}: the database's {@code vectors/}, or null for an in-memory database (a temporary directory). */
    public VectorIndexes(Path root, TransactionManager transactions) {
        this(root, transactions, VectorIndexProvider.find().orElse(null));
    }

    VectorIndexes(Path root, TransactionManager transactions, VectorIndexProvider provider) {
        this.provider = provider;
        this.transactions = transactions;
        this.temporary = root == null;
        this.root = root;
        this.refresher = WORK.scheduleWithFixedDelay(() -> refreshAll(), REFRESH_MILLIS, REFRESH_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** A new definition id (names the index's directory). */
    public static long newId() {
        return IDS.nextLong() & Long.MAX_VALUE;
    }

    /** Whether graphs can be built (an implementation is on the class path). */
    public boolean available() {
        return provider != null;
    }

    /** The running index of {@code def}, or null (dropped meanwhile, or never committed). */
    public HnswIndex index(VectorIndexDef def) {
        HnswIndex i = live.get(def.id());
        return i != null && (i.definition() == def || i.definition().equals(def)) ? i : null;
    }

    // ---- Open ----------------------------------------------------------------------------------

    /**
     * After recovery: opens each index of {@code catalog} and replays the WAL after the LSN its graph
     * covers ({@code journal} null for an in-memory database); a graph that is missing, unreadable,
     * or ahead of the WAL's last commit {@code lastSeq} is rebuilt in the background, with a log line.
     * Directories no index owns (dropped indexes, builds a crash cut short) are deleted.
     */
    public void open(Catalog catalog, long lastSeq, Journal journal) {
        Set<String> owned = new HashSet<>();
        for (VectorIndexDef def : catalog.vectorIndexes()) {
            owned.add(def.directoryName());
        }
        if (!temporary && Files.isDirectory(root)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
                for (Path d : dirs) {
                    if (!owned.contains(d.getFileName().toString())) {
                        deleteTree(d);
                    }
                }
            } catch (IOException e) {
                LOG.warning("could not list " + root + ": " + e.getMessage());
            }
        }
        for (VectorIndexDef def : catalog.vectorIndexes()) {
            HnswIndex index = new HnswIndex(def, directoryOf(def), HnswRowIds.of(catalog.table(def.table())));
            live.put(def.id(), index);
            if (provider == null) {
                index.failed("no VectorIndexProvider on the class path: exact search");
                continue;
            }
            VectorIndex graph = null;
            String problem;
            try {
                graph = openGraph(index);
                index.rowIds().restore(graph.rowKeys());   // before the WAL replay hands out ids
                long covered = graph.committedLsn();
                if (covered <= 0) {
                    problem = "it was never completely built";
                } else if (covered > lastSeq) {
                    problem = "it covers LSN " + covered + ", past the WAL's last commit " + lastSeq;
                } else {
                    if (journal != null && covered < lastSeq) {
                        journal.read(covered + 1, (changes, seq) -> record(List.of(index), changes, seq));
                    }
                    index.install(graph, covered);
                    continue;
                }
            } catch (IOException | RuntimeException e) {
                problem = "it could not be read (" + e.getMessage() + ")";
            }
            if (graph != null) {
                try {
                    graph.close();
                } catch (IOException | RuntimeException ignored) {
                    // rebuilt below
                }
            }
            LOG.warning("rebuilding HNSW index " + def.name() + " on " + def.table() + " in " + index.directory()
                    + " from the rows: " + problem);
            scheduleBuild(index);
        }
    }

    // ---- Commits -------------------------------------------------------------------------------

    /**
     * Called by the committer of {@code seq} under the writer lock, before the commit becomes visible:
     * records the rows it changed in the delta of each index of their table, starts indexes it
     * created and drops those it removed. {@code after} is the catalog the commit leaves.
     */
    public void committed(long seq, List<Change> changes, Catalog after) {
        if (live.isEmpty() && prebuilt.isEmpty() && after.vectorIndexes().isEmpty()) {
            return;
        }
        for (Change c : changes) {
            if (c instanceof Change.CreateVectorIndex v) {
                VectorIndexDef def = v.definition();
                HnswIndex ready = prebuilt.remove(def.id());
                if (ready != null) {
                    live.put(def.id(), ready);
                } else {
                    HnswIndex index = new HnswIndex(def, directoryOf(def), HnswRowIds.of(after.table(def.table())));
                    live.put(def.id(), index);
                    if (provider == null) {
                        index.failed("no VectorIndexProvider on the class path: exact search");
                    } else {
                        scheduleBuild(index);
                    }
                }
            }
        }
        List<HnswIndex> all = new ArrayList<>(live.values());
        all.addAll(prebuilt.values());
        record(all, changes, seq);
        Set<Long> current = new HashSet<>();
        for (VectorIndexDef def : after.vectorIndexes()) {
            current.add(def.id());
        }
        for (HnswIndex i : List.copyOf(live.values())) {
            if (!current.contains(i.definition().id())) {
                live.remove(i.definition().id());
                drop(i);
            }
        }
    }

    private static void record(List<HnswIndex> indexes, List<Change> changes, long seq) {
        for (Change c : changes) {
            String table;
            Object key;
            switch (c) {
                case Change.Put p -> {
                    table = p.table();
                    key = p.key();
                }
                case Change.Delete d -> {
                    table = d.table();
                    key = d.key();
                }
                default -> {
                    continue;
                }
            }
            for (HnswIndex i : indexes) {
                if (i.definition().table().equals(table)) {
                    i.touched(key, seq);
                }
            }
        }
    }

    /** The first WAL LSN an index's graph still needs replayed at the next open. */
    public long walNeededFrom() {
        long from = neededAfterClose;
        for (HnswIndex i : live.values()) {
            long covered = i.coveredLsn();
            if (covered >= 0) {
                from = Math.min(from, covered + 1);
            }
        }
        return from;
    }

    // ---- Builds --------------------------------------------------------------------------------

    /**
     * CREATE INDEX outside a transaction block: builds {@code def}'s graph now, from a snapshot,
     * before the statement takes the writer lock; the commit that creates {@code def} adopts it
     * ({@link #committed}), catching up with the commits made meanwhile through its delta. Returns
     * false when there is no provider (the index is then exact-only). The caller calls
     * {@link #discard} if the CREATE INDEX does not commit.
     */
    public boolean prebuild(VectorIndexDef def, java.util.function.BooleanSupplier cancelled,
                            java.util.function.Consumer<BuildProgress> listener) {
        if (provider == null) {
            return false;
        }
        HnswIndex index = new HnswIndex(def, directoryOf(def),
                HnswRowIds.of(transactions.latest().catalog().table(def.table())));
        prebuilt.put(def.id(), index);   // from now on its table's commits reach its delta
        try {
            awaitVisible(transactions.latest().seq());
            deleteTree(index.directory());
            VectorIndex graph = openGraph(index);
            try {
                long covered = HnswBuild.run(def, graph, index.rowIds(), transactions,
                        () -> closing || cancelled.getAsBoolean(), p -> {
                            progress.put(def.id(), p);
                            listener.accept(p);
                        });
                index.install(graph, covered);
            } catch (IOException | RuntimeException e) {
                graph.close();
                throw e;
            } finally {
                progress.remove(def.id());
            }
            return true;
        } catch (IOException e) {
            discard(def);
            if (cancelled.getAsBoolean()) {
                throw new KyroException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
            throw new KyroException(SqlState.IO_ERROR, "could not build HNSW index \"" + def.name() + "\": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            discard(def);
            throw e;
        }
    }

    /**
     * Waits until the commits appended so far are visible: a commit whose changes reached the
     * indexes before the build registered must be in the build's snapshot.
     */
    private void awaitVisible(long seq) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (transactions.visible().seq() < seq) {
            if (System.nanoTime() > deadline || closing) {
                throw new IOException("commit " + seq + " did not become visible");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
    }

    /** Forgets a graph built for a CREATE INDEX that did not commit. */
    public void discard(VectorIndexDef def) {
        HnswIndex index = prebuilt.remove(def.id());
        if (index != null) {
            drop(index);
        }
    }

    private void scheduleBuild(HnswIndex index) {
        builds.incrementAndGet();
        long registeredAt = transactions.latest().seq();
        WORK.execute(() -> {
            try {
                if (closing || live.get(index.definition().id()) != index) {
                    return;
                }
                awaitVisible(registeredAt);
                deleteTree(index.directory());
                VectorIndex graph = openGraph(index);
                try {
                    long covered = HnswBuild.run(index.definition(), graph, index.rowIds(), transactions,
                            () -> closing || live.get(index.definition().id()) != index,
                            p -> progress.put(index.definition().id(), p));
                    index.install(graph, covered);
                } catch (IOException | RuntimeException e) {
                    graph.close();
                    throw e;
                } finally {
                    progress.remove(index.definition().id());
                }
            } catch (IOException | RuntimeException e) {
                index.failed("build failed: " + e.getMessage() + " (exact search)");
                if (!closing && live.get(index.definition().id()) != index) {
                    deleteTree(index.directory());   // dropped meanwhile: what the build wrote after the drop goes too
                } else if (!closing) {
                    LOG.log(Level.WARNING, "building HNSW index " + index.definition().name() + " failed; its searches"
                            + " are exact until the database is reopened", e);
                }
            } finally {
                synchronized (builds) {
                    builds.decrementAndGet();
                    builds.notifyAll();
                }
            }
        });
    }

    /** The HNSW builds running now (CREATE INDEX and background builds), where each stands. */
    public List<BuildProgress> buildsInProgress() {
        return List.copyOf(progress.values());
    }

    /** Waits until no background build is running or queued, and refreshes every delta (tests, CHECKPOINT). */
    public void awaitIdle() {
        synchronized (builds) {
            while (builds.get() > 0) {
                try {
                    builds.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        refreshAll();
    }

    private void refreshAll() {
        for (HnswIndex i : live.values()) {
            if (closing) {
                return;
            }
            try {
                i.refresh(transactions);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "refreshing HNSW index " + i.definition().name() + " failed; its delta is"
                        + " searched exactly meanwhile", e);
            }
        }
    }

    /** Opens {@code index}'s graph, storing each row's key with it when the row id is not the key. */
    private VectorIndex openGraph(HnswIndex index) throws IOException {
        VectorIndex graph = provider.open(index.directory(), index.definition().spec());
        if (!index.rowIds().identity()) {
            graph.keySource(index.rowIds()::encodedKey);
        }
        return graph;
    }

    private void drop(HnswIndex index) {
        index.close();
        deleteTree(index.directory());
    }

    private synchronized Path directoryOf(VectorIndexDef def) {
        if (root == null) {
            try {
                root = Files.createTempDirectory("kyro-vectors-");
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a directory for vector indexes", e);
            }
        }
        return root.resolve(def.directoryName());
    }

    /** Moves every delta into its graph (so the next open replays nothing) and closes the graphs. */
    @Override
    public void close() {
        refreshAll();
        closing = true;
        refresher.cancel(false);
        synchronized (builds) {
            while (builds.get() > 0) {
                try {
                    builds.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        neededAfterClose = walNeededFrom();
        for (HnswIndex i : live.values()) {
            i.close();
        }
        for (HnswIndex i : prebuilt.values()) {
            drop(i);
        }
        live.clear();
        prebuilt.clear();
        synchronized (this) {
            if (temporary && root != null) {
                deleteTree(root);
            }
        }
    }

    /** Closes the graphs without refreshing (a crash, in tests). */
    public void abandon() {
        closing = true;
        refresher.cancel(false);
        for (HnswIndex i : live.values()) {
            i.close();
        }
        live.clear();
    }

    /**
     * Deletes {@code dir} and what is in it, as far as it can: never throws (a commit calls it). A
     * build that is stopping may still add or remove files meanwhile: the walk is tried again, and
     * what it leaves is deleted at the next open (no index owns the directory).
     */
    static void deleteTree(Path dir) {
        for (int attempt = 0; dir != null && Files.exists(dir); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                if (attempt >= 3) {
                    LOG.warning("could not delete " + dir + ": " + e.getMessage());
                    return;
                }
            }
        }
    }

    /** The provider, if any (tests). */
    Optional<VectorIndexProvider> provider() {
        return Optional.ofNullable(provider);
    }
}

package io.kyrodb.engine.vector;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.VectorIndexDef;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.txn.Committed;
import io.kyrodb.engine.txn.TransactionManager;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One HNSW index of an open database: its graph (a {@link VectorIndex}, which covers every commit up
 * to the LSN it last committed) and its <b>delta</b>: each row some commit after that LSN changed,
 * with the newest such commit. A search walks the graph only for rows outside the delta (their
 * graph entry is the vector every snapshot since that LSN sees) and computes the delta's rows
 * exactly at its own snapshot, so a commit is searchable as soon as it is visible, without a
 * Lucene segment per commit.
 *
 * <p>{@link #refresh} moves the delta into the graph, but only rows whose last change is at or
 * before the oldest open snapshot: then no reader can need the version the graph replaces (deletes
 * and updates reach the graph only when no snapshot sees the old row). Row changes are recorded by
 * the committer ({@link #touched}, under the writer lock, before the commit is visible); the graph
 * changes under the write lock, searches run under the read lock, so a search sees a graph and a
 * delta that agree.
 */
public final class HnswIndex {
    private static final Logger LOG = Logger.getLogger(HnswIndex.class.getName());
    /** Rows moved into the graph per hold of the write lock: searches wait at most for this many inserts. */
    static final int REFRESH_BATCH = 256;

    private final VectorIndexDef definition;
    private final Path directory;
    private final HnswRowIds rowIds;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object refreshing = new Object();
    private final Map<Long, Long> delta = new ConcurrentHashMap<>();
    private VectorIndex graph;          // guarded by lock; null until built
    private long validFrom;             // guarded by lock: the oldest snapshot the graph and delta answer for
    private boolean closed;             // guarded by lock
    private volatile String status = "building";

    HnswIndex(VectorIndexDef definition, Path directory, HnswRowIds rowIds) {
        this.definition = definition;
        this.directory = directory;
        this.rowIds = rowIds;
    }

    /** How the graph's row ids map to the table's keys. */
    public HnswRowIds rowIds() {
        return rowIds;
    }

    public VectorIndexDef definition() {
        return definition;
    }

    Path directory() {
        return directory;
    }

    /** "building", "ready", or why there is no graph (searches are then exact). */
    public String status() {
        return status;
    }

    /** Called by the committer of {@code seq}, before it becomes visible: the row under {@code key} changed. */
    void touched(Object key, long seq) {
        delta.merge(rowIds.id(key), seq, Math::max);
    }

    /** Rows in the delta (tests, EXPLAIN ANALYZE). */
    public int deltaSize() {
        return delta.size();
    }

    /** What a search does with a consistent graph and delta. */
    public interface Search<T> {
        T run(VectorIndex graph, Set<Long> delta) throws IOException;
    }

    /**
     * Runs {@code search} for a statement reading at snapshot {@code snapshotSeq} with the graph and the
     * delta's rows as of now; null when there is no graph, or when the graph was built from a newer
     * snapshot than the statement's (rows it changed since are in no delta): search exactly.
     */
    public <T> T search(long snapshotSeq, Search<T> search) throws IOException {
        lock.readLock().lock();
        try {
            if (graph == null || closed || snapshotSeq < validFrom) {
                return null;
            }
            return search.run(graph, delta.isEmpty() ? Set.of() : new HashSet<>(delta.keySet()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The graph a build made, covering every commit up to {@code coveredLsn}; the delta keeps only what came after. */
    void install(VectorIndex built, long coveredLsn) throws IOException {
        lock.writeLock().lock();
        try {
            if (closed) {
                built.close();
                return;
            }
            graph = built;
            validFrom = coveredLsn;
            delta.entrySet().removeIf(e -> e.getValue() <= coveredLsn);
            status = "ready";
        } finally {
            lock.writeLock().unlock();
        }
    }

    void failed(String why) {
        status = why;
    }

    /** The LSN the graph's last commit covers, or -1 without a graph (the WAL is then not needed for it). */
    long coveredLsn() {
        lock.readLock().lock();
        try {
            return graph == null || closed ? -1 : graph.committedLsn();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Moves the delta's rows whose last change is at or before the oldest open snapshot into the
     * graph (read at a snapshot of the newest commit: such a row has not changed since) and commits
     * the graph with that LSN. Runs on the background thread, one refresh per index at a time.
     */
    void refresh(TransactionManager transactions) throws IOException {
        synchronized (refreshing) {
            if (delta.isEmpty() || coveredLsn() < 0) {
                return;
            }
            Committed now = transactions.openSnapshot();
            try {
                long bound = Math.min(transactions.oldestSnapshot(), now.seq());
                Table table = now.catalog().table(definition.table());
                if (table == null || now.catalog().vectorIndex(definition.name()) == null) {
                    return;   // dropped; the registry closes it
                }
                List<Map.Entry<Long, Long>> due = new ArrayList<>();
                for (Map.Entry<Long, Long> e : delta.entrySet()) {
                    if (e.getValue() <= bound) {
                        due.add(Map.entry(e.getKey(), e.getValue()));
                    }
                }
                if (due.isEmpty()) {
                    return;
                }
                ReadView view = new ReadView(now.seq(), false);
                VectorIndex g;
                for (int from = 0; from < due.size(); from += REFRESH_BATCH) {
                    List<Map.Entry<Long, Long>> batch = due.subList(from, Math.min(due.size(), from + REFRESH_BATCH));
                    List<float[]> vectors = new ArrayList<>(batch.size());
                    for (Map.Entry<Long, Long> e : batch) {
                        Object[] row = table.data().get(rowIds.key(e.getKey()), view);
                        vectors.add(row == null ? null : HnswValues.indexable(row[definition.column()]));
                    }
                    lock.writeLock().lock();
                    try {
                        if (graph == null || closed) {
                            return;
                        }
                        for (int i = 0; i < batch.size(); i++) {
                            long id = batch.get(i).getKey();
                            float[] v = vectors.get(i);
                            if (v == null) {
                                graph.delete(id);
                            } else {
                                graph.put(id, v);
                            }
                            delta.remove(id, batch.get(i).getValue());
                        }
                    } finally {
                        lock.writeLock().unlock();
                    }
                }
                lock.readLock().lock();
                try {
                    if (graph == null || closed) {
                        return;
                    }
                    g = graph;
                } finally {
                    lock.readLock().unlock();
                }
                g.commit(bound);   // the writer is only this thread; searches go on meanwhile
            } finally {
                transactions.closeSnapshot(now);
            }
        }
    }

    /** Closes the graph; searches that come later are exact. */
    void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            status = "closed";
            if (graph != null) {
                try {
                    graph.close();
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "closing HNSW index " + definition.name() + ": " + e.getMessage(), e);
                }
                graph = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}

package io.kyrodb.engine.vector;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.VectorIndexDef;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.txn.Committed;
import io.kyrodb.engine.txn.TransactionManager;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Builds an HNSW index's graph from a snapshot, holding no lock: readers and writers go on. The
 * caller has registered the index for row changes before this takes its snapshot, so every commit
 * after the snapshot lands in the index's delta (and {@link HnswIndex#install} keeps only those).
 * Progress (percent, rows per second) goes to the log every few seconds and to the caller's
 * listener every {@link #NOTIFY_NANOS} (a session's notices, pg_stat_progress_create_index).
 */
final class HnswBuild {
    private static final Logger LOG = Logger.getLogger(HnswBuild.class.getName());
    private static final long PROGRESS_NANOS = 5_000_000_000L;
    static final long NOTIFY_NANOS = 500_000_000L;

    private HnswBuild() {
    }

    /**
     * Fills {@code graph} (empty) with the rows of the snapshot, commits it with the snapshot's LSN and
     * returns that LSN. {@code cancelled} stops it early (the index was dropped, the database closed).
     */
    static long run(VectorIndexDef def, VectorIndex graph, HnswRowIds rowIds, TransactionManager transactions,
                    BooleanSupplier cancelled, java.util.function.Consumer<BuildProgress> progress) throws IOException {
        Committed snapshot = transactions.openSnapshot();
        try {
            Table table = snapshot.catalog().table(def.table());
            if (table == null) {
                throw new IOException("table \"" + def.table() + "\" no longer exists");
            }
            ReadView view = new ReadView(snapshot.seq(), false);
            long counting = System.nanoTime();
            progress.accept(new BuildProgress(def.name(), def.table(), BuildProgress.INITIALIZING, 0, 0, 0));
            long total = 0;
            for (Iterator<Map.Entry<Object, Object[]>> it = table.data().entries(view); it.hasNext(); it.next()) {
                total++;
            }
            long started = System.nanoTime();
            long totalRows = total;
            progress.accept(new BuildProgress(def.name(), def.table(), BuildProgress.LOADING, 0, total,
                    started - counting));
            int column = def.column();
            Iterator<Map.Entry<Object, Object[]>> scan = table.data().entries(view);
            // The rows with a vector, read on this thread; progress and cancellation as they are read.
            Iterator<Map.Entry<Long, float[]>> vectors = new Iterator<>() {
                private Map.Entry<Long, float[]> next;
                private long done;
                private long lastReport = started;
                private long lastNotice = started;

                @Override
                public boolean hasNext() {
                    while (next == null && scan.hasNext()) {
                        Map.Entry<Object, Object[]> e = scan.next();
                        done++;
                        if ((done & 255) == 0) {
                            if (cancelled.getAsBoolean()) {
                                throw new java.util.concurrent.CancellationException("cancelled");
                            }
                            long now = System.nanoTime();
                            if (now - lastNotice >= NOTIFY_NANOS) {
                                lastNotice = now;
                                BuildProgress p = new BuildProgress(def.name(), def.table(), BuildProgress.LOADING, done,
                                        totalRows, now - started);
                                progress.accept(p);
                                if (now - lastReport >= PROGRESS_NANOS) {
                                    lastReport = now;
                                    LOG.info(p.message());
                                }
                            }
                        }
                        float[] v = HnswValues.indexable(e.getValue()[column]);
                        if (v != null) {
                            next = Map.entry(rowIds.id(e.getKey()), v);
                        }
                    }
                    return next != null;
                }

                @Override
                public Map.Entry<Long, float[]> next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    Map.Entry<Long, float[]> e = next;
                    next = null;
                    return e;
                }
            };
            try {
                graph.putAll(vectors);
            } catch (java.util.concurrent.CancellationException e) {
                throw new IOException("cancelled", e);
            }
            progress.accept(new BuildProgress(def.name(), def.table(), BuildProgress.LOADING, total, total,
                    System.nanoTime() - started));
            graph.commit(snapshot.seq());
            LOG.info(String.format("built HNSW index %s on %s (%d rows) in %.1f s", def.name(), def.table(), total,
                    (System.nanoTime() - started) / 1e9));
            return snapshot.seq();
        } finally {
            transactions.closeSnapshot(snapshot);
        }
    }
}

package io.kyrodb.engine.storage;

import io.kyrodb.engine.util.UntilNull;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.run.BloomFilter;
import io.kyrodb.engine.storage.run.KeyCursor;
import io.kyrodb.engine.storage.run.Run;
import io.kyrodb.engine.types.HeapSize;
import io.kyrodb.engine.types.TypeKind;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of one table as MVCC versions, ordered by encoded primary key (or hidden row id): an
 * active memtable, frozen memtables waiting for their flush, and immutable runs ({@link TableState}).
 * Readers run without locks against a {@link ReadView}; the writer (holding the database's writer
 * lock) adds, commits and rolls back versions in the active memtable; freezes, flushes and
 * compactions swap the state under this object's monitor.
 */
public final class TableData {
    /** Estimated heap bytes of one version besides its key and row. */
    public static final int VERSION_OVERHEAD = Memtable.VERSION_OVERHEAD;
    private final Table table;
    private final Store store;
    private final TypeKind[] keyKinds;
    private final AtomicLong nextRowId = new AtomicLong(1);
    private volatile TableState state;
    private final io.kyrodb.engine.stats.StatisticsSlot statistics = new io.kyrodb.engine.stats.StatisticsSlot();
    private final ExtraRunReads extraRunReads;

    public TableData(Table table, Store store) {
        this.table = table;
        this.store = store;
        int width = table.primaryKeyWidth();
        if (width == 0) {
            keyKinds = new TypeKind[]{TypeKind.BIGINT};
        } else {
            keyKinds = new TypeKind[width];
            for (int i = 0; i < width; i++) {
                keyKinds[i] = table.columns().get(table.primaryKeyColumn(i)).type().kind();
            }
        }
        // store null: a definition only (binding a new table's CHECK constraints), which holds no rows
        state = store == null ? null : new TableState(store.newMemtable(), List.of(), List.of());
        extraRunReads = store == null ? null : new ExtraRunReads(store);
    }

    public Table table() {
        return table;
    }

    /**
     * Whether this table's rows are their keys (every column is a primary-key column, in order: an
     * index's entries, or such a table): its runs then store a row that decodes exactly from its
     * key as the key alone ({@link io.kyrodb.engine.storage.run.KeyRows}). Null otherwise.
     */
    public io.kyrodb.engine.storage.run.KeyRows keyRows() {
        int width = table.primaryKeyWidth();
        if (width == 0 || width != table.columns().size()) {
            return null;
        }
        for (int i = 0; i < width; i++) {
            if (table.primaryKeyColumn(i) != i) {
                return null;
            }
        }
        return io.kyrodb.engine.storage.run.KeyRows.of(keyKinds);
    }

    /** The table's planner statistics and the count of rows written since (auto-analyze). */
    public io.kyrodb.engine.stats.StatisticsSlot statisticsSlot() {
        return statistics;
    }

    // ---- Keys ---------------------------------------------------------------------------------

    /** The key of a new {@code row}: its primary key, or a fresh row id for a table without one. */
    public Object keyOf(Object[] row) {
        int width = table.primaryKeyWidth();
        if (width == 0) {
            return nextRowId.getAndIncrement();
        }
        if (width == 1) {
            return row[table.primaryKeyColumn(0)];
        }
        Object[] key = new Object[width];
        for (int i = 0; i < width; i++) {
            key[i] = row[table.primaryKeyColumn(i)];
        }
        return key;
    }

    /** The key an existing row keeps when it is rewritten: its primary key, or its row id. */
    public Object rekey(Object oldKey, Object[] newRow) {
        return table.hasPrimaryKey() ? keyOf(newRow) : oldKey;
    }

    /** The next row id a table without a primary key hands out (kept in checkpoints). */
    public long nextRowId() {
        return nextRowId.get();
    }

    public void nextRowId(long id) {
        nextRowId.accumulateAndGet(id, Math::max);
    }

    private Object decodeKey(byte[] key, Object[] row) {
        if (table.hasPrimaryKey()) {
            return keyOf(row);
        }
        return KeyCodec.decode(key, keyKinds);
    }

    // ---- Reads ----------------------------------------------------------------------------------

    /** The row stored under {@code key} as {@code view} sees it, or null. */
    public Object[] get(Object key, ReadView view) {
        byte[] k = KeyCodec.encode(key);
        long hash = BloomFilter.hash(k, 0, k.length);
        TableState s = state;
        Version v = view.visible(s.active().get(k, hash));
        if (v != null) {
            return v.row;
        }
        for (Memtable m : s.frozen()) {
            v = view.visible(m.get(k, hash));
            if (v != null) {
                return v.row;
            }
        }
        for (Run r : s.runs()) {
            Object[] row = r.get(k, hash, view.seq());
            if (row != null) {
                return row == Run.DELETED ? null : row;
            }
        }
        return null;
    }

    /** The rows {@code view} sees, in key order, with their keys. */
    public Iterator<Map.Entry<Object, Object[]>> entries(ReadView view) {
        return entries(view, null);
    }

    /**
     * The rows {@code view} sees whose encoded key is at or after {@code from} (null: all), in key
     * order: each memtable and run seeks to it (a run through its index, learned or not).
     */
    public Iterator<Map.Entry<Object, Object[]>> entries(ReadView view, byte[] from) {
        KeyCursor merged = cursor(view, from);
        Runnable scanned = from == null ? scanCharge() : null;
        return UntilNull.of(() -> {
            while (merged.next()) {
                Object[] row = merged.row();
                if (row != null) {
                    return new AbstractMap.SimpleImmutableEntry<>(decodeKey(merged.key(), row), row);
                }
            }
            if (scanned != null) {
                scanned.run();
            }
            return null;
        });
    }

    /*
     * What a full scan charges for reading through several runs, run once it reached the end (a
     * scan stopped early, by a LIMIT or an EXISTS, read little): nothing when the table was in one
     * run when the scan opened. Charged once however often the caller asks past the end.
     */
    private Runnable scanCharge() {
        if (state.runs().size() <= 1) {
            return null;
        }
        ExtraRunReads reads = extraRunReads;
        boolean[] done = new boolean[1];
        return () -> {
            if (!done[0]) {
                done[0] = true;
                reads.chargeScan();
            }
        };
    }

    /**
     * The rows {@code view} sees, in key order, without their keys (a sequential scan): each call
     * returns the next row, then null at the end. The rows are shared; callers must not modify them.
     */
    public java.util.function.Supplier<Object[]> rows(ReadView view) {
        return rows(view, null);
    }

    /**
     * {@link #rows(ReadView)}, leaving out some of the rows that fail {@code filter} (null: none):
     * when the table is one run and nothing else, that run's decoded blocks skip them by their
     * integer columns. Which rows are left out is no promise; the caller still tests every row.
     */
    public java.util.function.Supplier<Object[]> rows(ReadView view, io.kyrodb.engine.storage.run.IntRangeFilter filter) {
        return rows(view, null, filter);
    }

    /**
     * {@link #rows(ReadView, io.kyrodb.engine.storage.run.IntRangeFilter)} from the first key at or
     * after {@code from} (an encoded key; null: the first key), for a key range that needs only the
     * rows: no key is decoded.
     */
    public java.util.function.Supplier<Object[]> rows(ReadView view, byte[] from,
                                                      io.kyrodb.engine.storage.run.IntRangeFilter filter) {
        KeyCursor merged = cursor(view, from, filter);
        Runnable scanned = from == null ? scanCharge() : null;
        return () -> {
            while (merged.next()) {
                Object[] row = merged.row();
                if (row != null) {
                    return row;
                }
            }
            if (scanned != null) {
                scanned.run();
            }
            return null;
        };
    }

    /**
     * The keys {@code view} sees that start with {@code prefix} (an encoded key prefix), in key
     * order, deletes left out; each row is decoded only if {@link KeyCursor#row()} is called. Only
     * the memtables and runs whose key range can hold the prefix are read.
     */
    public KeyCursor withPrefix(ReadView view, byte[] prefix) {
        TableState s = state;
        List<KeyCursor> sources = new ArrayList<>(2);
        if (!s.active().isEmpty()) {
            sources.add(s.active().cursor(prefix, view));
        }
        for (Memtable m : s.frozen()) {
            sources.add(m.cursor(prefix, view));
        }
        for (Run r : s.runs()) {
            if (Arrays.compareUnsigned(r.lastKey(), prefix) >= 0 && (Arrays.compareUnsigned(r.firstKey(), prefix) <= 0
                    || Arrays.equals(r.firstKey(), 0, Math.min(prefix.length, r.firstKey().length), prefix, 0,
                    prefix.length))) {
                sources.add(r.cursor(prefix, view.seq()));
            }
        }
        int runs = sources.size() - (s.active().isEmpty() ? 0 : 1) - s.frozen().size();
        if (runs > 1) {
            extraRunReads.charge();
        }
        return new PrefixCursor(merged(sources), prefix);
    }

    /**
     * A cursor for many prefix probes under {@code view} ({@link PrefixProbe}): each probe seeks it
     * forward, which costs far less than opening the sources again.
     */
    public PrefixProbe prefixProbe(ReadView view) {
        TableState s = state;
        List<KeyCursor> sources = new ArrayList<>(1 + s.frozen().size() + s.runs().size());
        if (!s.active().isEmpty()) {
            sources.add(s.active().cursor(null, view));
        }
        for (Memtable m : s.frozen()) {
            sources.add(m.cursor(null, view));
        }
        for (Run r : s.runs()) {
            sources.add(r.probeCursor(view.seq()));
        }
        return new PrefixProbe(view, merged(sources), s.runs().size() > 1 ? extraRunReads : null);
    }

    private KeyCursor cursor(ReadView view, byte[] from) {
        return cursor(view, from, null);
    }

    /**
     * The sources' merged cursor; a run that is the only source (nothing in memory, no other run)
     * gets {@code filter} (null: none): its skipped keys hide no version in another source.
     */
    private KeyCursor cursor(ReadView view, byte[] from, io.kyrodb.engine.storage.run.IntRangeFilter filter) {
        TableState s = state;
        boolean alone = s.active().isEmpty() && s.frozen().isEmpty() && s.runs().size() == 1;
        List<KeyCursor> sources = new ArrayList<>(1 + s.frozen().size() + s.runs().size());
        if (!s.active().isEmpty()) {
            sources.add(s.active().cursor(from, view));
        }
        for (Memtable m : s.frozen()) {
            sources.add(m.cursor(from, view));
        }
        for (Run r : s.runs()) {
            sources.add(r.cursor(from, view.seq(), alone ? filter : null));
        }
        if (s.runs().size() > 1 && from != null) {
            extraRunReads.charge();     // a full scan is charged at its end (scanCharge)
        }
        return merged(sources);
    }

    /*
     * The sources as one cursor. An active memtable that is empty when a reader opens is left out
     * (as withPrefix does): a table whose rows are all in one run is then read through that run's
     * cursor alone, with no merge. Writes after the reader opened are no loss to it: a statement
     * does not see the changes it makes itself (PostgreSQL's rule), and a later statement opens
     * its own readers.
     */
    private static KeyCursor merged(List<KeyCursor> sources) {
        return switch (sources.size()) {
            case 0 -> KeyCursor.EMPTY;
            case 1 -> sources.getFirst();
            default -> new MergeCursor(sources);
        };
    }

    /**
     * pg_relation_size: the bytes of the table's run files, plus what its memtables hold (not yet
     * flushed: an estimate of their heap size, which the next flush turns into run bytes).
     */
    public long sizeBytes() {
        TableState s = state;
        long bytes = s.active().bytes();
        for (Memtable m : s.frozen()) {
            bytes += m.bytes();
        }
        for (Run r : s.runs()) {
            bytes += r.stats().fileSize();
        }
        return bytes;
    }

    /**
     * Which index finds this table's keys, for EXPLAIN: the memtables' skip lists, then each run's
     * learned model or fence keys, e.g. {@code learned (epsilon 16, 3 runs, 12 segments)}.
     */
    public String indexDescription() {
        List<Run> runs = state.runs();
        String kind = store.pkIndex().sqlName();
        if (runs.isEmpty()) {
            return kind + " (no runs yet: every row is in memory)";
        }
        long segments = 0;
        long keys = 0;
        int fallbacks = 0;
        int epsilon = 0;
        for (Run r : runs) {
            segments += r.index().segments();
            keys += r.stats().keys();
            fallbacks += r.index().fallback() ? 1 : 0;
            epsilon = Math.max(epsilon, r.index().epsilon());
        }
        boolean learned = store.pkIndex() == io.kyrodb.engine.storage.run.IndexKind.LEARNED;
        String model = learned && epsilon > 0 ? "epsilon " + epsilon + "; " : "";
        return kind + " (" + model + count(runs.size(), "run") + ", " + count(keys, "key")
                + (learned && epsilon > 0 ? ", " + count(segments, "segment") : "")
                + (fallbacks > 0 ? "; " + fallbacks + " of the runs search fence keys: too many keys share the"
                + " 8 bytes the model sees" : "") + ")";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    // ---- The writer -----------------------------------------------------------------------------

    /**
     * Writes an uncommitted version ({@code row} null deletes); the writing transaction commits or
     * rolls it back. Caller holds the writer lock.
     */
    public Write write(Object key, Object[] row) {
        byte[] k = KeyCodec.encode(key);
        long size = writeSize(k, row);
        Version v = state.active().write(k, row, size);
        store.addActive(size);
        noteRowId(key);
        statistics.changed();
        return new Write(this, k, v);
    }

    /** Estimated memtable bytes of one version. */
    public static long writeSize(byte[] key, Object[] row) {
        return Memtable.VERSION_OVERHEAD + key.length + (row == null ? 0 : HeapSize.of(row));
    }

    /** Recovery: installs a committed version ({@code row} null: a delete). */
    public void recover(Object key, Object[] row, long seq) {
        byte[] k = KeyCodec.encode(key);
        long size = writeSize(k, row);
        state.active().recover(k, row, seq, size);
        store.addActive(size);
        noteRowId(key);
        statistics.changed();
    }

    /** Undoes a version this table's writer wrote, newest first. */
    public void rollback(Write w) {
        state.active().rollback(w.key(), w.version());
    }

    /** Drops what no snapshot at or above {@code oldestSnapshot} can see of the written key. */
    public void prune(Write w, long oldestSnapshot) {
        Memtable.prune(w.version(), oldestSnapshot);
    }

    private void noteRowId(Object key) {
        if (!table.hasPrimaryKey() && key instanceof Long id) {
            nextRowId.accumulateAndGet(id + 1, Math::max);
        }
    }

    // ---- Freeze, flush, compaction ----------------------------------------------------------------

    TableState state() {
        return state;
    }

    /**
     * Makes the active memtable read-only and starts a new one; returns the frozen memtable, or
     * null if the active one is empty. Called by the writer, under the writer lock, when no
     * transaction has uncommitted versions.
     */
    synchronized Memtable freeze() {
        TableState s = state;
        if (s.active().isEmpty()) {
            return null;
        }
        List<Memtable> frozen = new ArrayList<>(s.frozen().size() + 1);
        frozen.add(s.active());
        frozen.addAll(s.frozen());
        state = new TableState(store.newMemtable(), frozen, s.runs());
        return s.active();
    }

    /** Replaces a frozen memtable by the run it was flushed to ({@code run} null: it held nothing to keep). */
    synchronized void installFlush(Memtable flushed, Run run) {
        TableState s = state;
        List<Memtable> frozen = new ArrayList<>(s.frozen());
        if (!frozen.remove(flushed)) {
            throw new IllegalStateException("memtable is not frozen in " + table.name());
        }
        List<Run> runs = new ArrayList<>(s.runs().size() + 1);
        if (run != null) {
            runs.add(run);
        }
        runs.addAll(s.runs());
        state = new TableState(s.active(), frozen, runs);
        if (run != null) {
            extraRunReads.runsChanged(runs);
        }
    }

    /** Replaces the runs {@code inputs} (adjacent, newest first) by {@code output} (null: nothing left). */
    synchronized void installCompaction(List<Run> inputs, Run output) {
        TableState s = state;
        List<Run> runs = new ArrayList<>(s.runs());
        int at = runs.indexOf(inputs.getFirst());
        if (at < 0 || at + inputs.size() > runs.size() || !runs.subList(at, at + inputs.size()).equals(inputs)) {
            throw new IllegalStateException("compaction inputs are no longer adjacent runs of " + table.name());
        }
        runs.subList(at, at + inputs.size()).clear();
        if (output != null) {
            runs.add(at, output);
        }
        state = new TableState(s.active(), s.frozen(), runs);
        extraRunReads.runsChanged(runs);
    }

    /** What readers paid for this table's runs being several ({@link ExtraRunReads}). */
    ExtraRunReads extraRunReads() {
        return extraRunReads;
    }

    /** Recovery: the runs the checkpoint lists, newest first. */
    synchronized void loadRuns(List<Run> runs) {
        TableState s = state;
        state = new TableState(s.active(), s.frozen(), runs);
        extraRunReads.runsChanged(runs);
    }
}

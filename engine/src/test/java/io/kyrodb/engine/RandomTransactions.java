package io.kyrodb.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded random write workload on {@code t (id BIGINT PRIMARY KEY, v TEXT)} with an oracle: each
 * {@link #run} issues one transaction's statements (inserts, updates, deletes by key and by range)
 * and returns what it changes, for the caller to fold into the oracle if the commit returns.
 */
final class RandomTransactions {
    static final String TABLE = "CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)";

    private final Random random;
    private final int keys;
    private int serial;

    RandomTransactions(Random random, int keys) {
        this.random = random;
        this.keys = keys;
    }

    /**
     * Runs the statements of one transaction (without BEGIN/COMMIT) on {@code s}, given the rows
     * committed before it, and returns its changes: id to new value, or to null for a delete.
     */
    Map<Long, String> run(Session s, TreeMap<Long, String> committed) {
        Map<Long, String> staged = new HashMap<>();
        int ops = 1 + random.nextInt(8);
        for (int op = 0; op < ops; op++) {
            TreeMap<Long, String> view = new TreeMap<>(committed);
            staged.forEach((k, v) -> {
                if (v == null) {
                    view.remove(k);
                } else {
                    view.put(k, v);
                }
            });
            long id = random.nextInt(keys) - keys / 2;
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    String v = "s" + (++serial) + "-" + "x".repeat(random.nextInt(80));
                    if (view.containsKey(id)) {
                        s.execute("UPDATE t SET v = '" + v + "' WHERE id = " + id);
                    } else {
                        s.execute("INSERT INTO t VALUES (" + id + ", '" + v + "')");
                    }
                    staged.put(id, v);
                }
                case 2 -> {
                    s.execute("DELETE FROM t WHERE id = " + id);
                    staged.put(id, null);
                }
                case 3 -> {
                    long hi = id + random.nextInt(20);
                    s.execute("DELETE FROM t WHERE id BETWEEN " + id + " AND " + hi);
                    for (Long k : view.subMap(id, true, hi, true).keySet()) {
                        staged.put(k, null);
                    }
                }
                default -> {
                    long hi = id + random.nextInt(40);
                    String v = "u" + (++serial);
                    s.execute("UPDATE t SET v = '" + v + "' WHERE id BETWEEN " + id + " AND " + hi);
                    for (Long k : view.subMap(id, true, hi, true).keySet()) {
                        staged.put(k, v);
                    }
                }
            }
        }
        return staged;
    }

    static void apply(TreeMap<Long, String> state, Map<Long, String> changes) {
        changes.forEach((k, v) -> {
            if (v == null) {
                state.remove(k);
            } else {
                state.put(k, v);
            }
        });
    }

    /** The table's rows in id order. */
    static TreeMap<Long, String> read(Session s) {
        TreeMap<Long, String> out = new TreeMap<>();
        ExecResult.Rows rows = (ExecResult.Rows) s.execute("SELECT id, v FROM t ORDER BY id");
        for (Object[] r; (r = rows.next()) != null; ) {
            out.put((Long) r[0], (String) r[1]);
        }
        return out;
    }

    /** Point lookups of every id in and around the oracle's range agree with it. */
    static void checkLookups(Session s, TreeMap<Long, String> expected, int keys) {
        for (long id = -keys / 2 - 2; id < keys / 2 + 2; id += 7) {
            ExecResult.Rows rows = (ExecResult.Rows) s.execute("SELECT v FROM t WHERE id = " + id);
            Object[] r = rows.next();
            String want = expected.get(id);
            if (want == null ? r != null : r == null || !want.equals(r[0])) {
                throw new AssertionError("lookup of id " + id + ": expected " + want + ", got "
                        + (r == null ? "no row" : List.of(r)));
            }
        }
    }
}

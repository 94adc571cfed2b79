package io.kyrodb.engine;

import io.kyrodb.engine.exec.KeyJoinNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.plan.QueryPlan;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Column pruning of key joins never changes an answer: on seeded random tables (a database
 * directory, so a checkpoint writes run files) whose rows lie
 * partly in runs (checkpointed), partly in the memtable, some updated or deleted since, every key
 * join into a composite primary key returns with the rule on the rows it returns with the rule off
 * and the rows a hash join returns, whichever columns the query reads of the looked-up rows (in the
 * select list, an aggregate, a join filter, a WHERE condition, an ORDER BY, a subquery, all of
 * them, none). Odd seeds run with a block cache too small to hold decoded blocks, so the lookups
 * decode rows from their stored bytes. {@code -Dkyro.pruning.seed=N} replays one seed.
 */
class KeyJoinColumnPruningTest {
    private static final List<String> QUERIES = List.of(
            "SELECT count(*), sum(l.q) FROM o JOIN l ON l.oid = o.id WHERE o.id BETWEEN 40 AND 90",
            "SELECT o.id, l.n, l.t FROM o JOIN l ON l.oid = o.id WHERE o.id < 30",
            "SELECT o.c, max(l.d), count(l.j), min(l.t) FROM o JOIN l ON l.oid = o.id WHERE o.id BETWEEN 10 AND 70"
                    + " GROUP BY o.c",
            "SELECT l.* FROM o JOIN l ON l.oid = o.id WHERE o.id < 25",
            "SELECT o.id, l.n FROM o JOIN l ON l.oid = o.id AND l.q > o.c WHERE o.id < 60",
            "SELECT o.note, l.q FROM o JOIN l ON l.oid = o.id WHERE o.id < 80 AND l.t LIKE 'a%'",
            "SELECT o.id, l.q, l.t FROM o LEFT JOIN l ON l.oid = o.id WHERE o.id < 50",
            "SELECT o.id, l.n, (SELECT count(*) FROM o o2 WHERE o2.c = l.q) FROM o JOIN l ON l.oid = o.id"
                    + " WHERE o.id < 20",
            "SELECT o.id FROM o JOIN l ON l.oid = o.id WHERE o.id < 30 ORDER BY l.t, o.id, l.n",
            "SELECT count(*), sum(l2.q * l.q), max(l2.t) FROM o JOIN l ON l.oid = o.id JOIN l l2 ON l2.oid = l.oid"
                    + " WHERE o.id < 15",
            "SELECT o.id, l.n, l.v <-> '[1,2,3]' FROM o JOIN l ON l.oid = o.id WHERE o.id < 20",
            "SELECT count(*) FROM o JOIN l ON l.oid = o.id WHERE o.id BETWEEN 5 AND 95",
            "SELECT DISTINCT l.q FROM o JOIN l ON l.oid = o.id WHERE o.id < 70",
            "SELECT o.id, l.j ->> 'k', l.d FROM o JOIN l ON l.oid = o.id WHERE o.id BETWEEN 30 AND 45"
                    + " AND l.j IS NOT NULL");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> prunedAndWholeRowsAnswerAlike() {
        String one = System.getProperty("kyro.pruning.seed");
        LongStream seeds = one != null ? LongStream.of(Long.parseLong(one)) : LongStream.rangeClosed(1, 5);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> trial(seed)));
    }

    private void trial(long seed) {
        System.out.println("KeyJoinColumnPruningTest seed=" + seed
                + " (rerun: -Dtest=KeyJoinColumnPruningTest -Dkyro.pruning.seed=" + seed + ")");
        Random r = new Random(seed);
        // a block cache too small for a scan to leave decoded rows in: the probes read rows encoded
        Session s = Session.connect(new DatabaseLocation.Directory(dir.resolve("db" + seed)),
                seed % 2 == 1 ? Map.of("cache_size", "16kB", "sync", "off")
                        : Map.of("sync", "off"));
        try {
            s.execute("CREATE TABLE o (id INTEGER PRIMARY KEY, c INTEGER, note TEXT)");
            s.execute("CREATE TABLE l (oid INTEGER, n INTEGER, q INTEGER, t TEXT, j JSONB, v vector(3), d NUMERIC,"
                    + " PRIMARY KEY (oid, n))");
            s.execute("INSERT INTO o SELECT g, g % 7, 'order ' || g FROM generate_series(1, 100) g");
            insertLines(s, r, 1, 60);
            s.execute("ANALYZE");
            s.execute("CHECKPOINT");   // these rows are in a run, read encoded
            insertLines(s, r, 61, 100);
            s.execute("UPDATE l SET q = q + 1, t = 'b' || t WHERE (oid + n) % 5 = 0");
            s.execute("DELETE FROM l WHERE (oid * n) % 11 = 0");
            s.execute("UPDATE o SET c = c + 1 WHERE id % 9 = 0");
            if (r.nextBoolean()) {
                s.execute("CHECKPOINT");   // the changes in a second run, shadowing the first
            }
            for (String q : QUERIES) {
                s.execute("SET enable_column_pruning = off");
                List<String> whole = rows(s, q);
                s.execute("RESET enable_column_pruning");
                assertThat(rows(s, q)).as("by estimate: %s", q).isEqualTo(whole);
                s.execute("SET enable_hashjoin = off");
                assertThat(rows(s, q)).as("key join forced: %s", q).isEqualTo(whole);
                s.execute("RESET enable_hashjoin");
            }
            for (String q : QUERIES) {   // after the others: a hash join scans, which may fill the cache
                s.execute("SET enable_column_pruning = off");
                List<String> whole = rows(s, q);
                s.execute("RESET enable_column_pruning");
                s.execute("SET enable_nestloop = off");
                assertThat(rows(s, q)).as("hash join: %s", q).isEqualTo(whole);
                s.execute("RESET enable_nestloop");
            }
            // the rule did run: the key join of the first query decodes only l.q; with it off, everything
            s.execute("SET enable_hashjoin = off");
            rows(s, QUERIES.get(0));
            assertThat(keyJoinColumns(s, QUERIES.get(0))).containsExactly(false, false, true, false, false, false,
                    false);
            rows(s, QUERIES.get(3));
            assertThat(keyJoinColumns(s, QUERIES.get(3))).isNull();   // l.*: every column
            s.execute("SET enable_column_pruning = off");
            rows(s, QUERIES.get(0));
            assertThat(keyJoinColumns(s, QUERIES.get(0))).isNull();
        } finally {
            s.close();
        }
    }

    private static void insertLines(Session s, Random r, int fromOrder, int toOrder) {
        StringBuilder sql = new StringBuilder("INSERT INTO l VALUES ");
        boolean first = true;
        for (int o = fromOrder; o <= toOrder; o++) {
            int lines = r.nextInt(6);
            for (int n = 1; n <= lines; n++) {
                sql.append(first ? "" : ", ").append('(').append(o).append(", ").append(n).append(", ")
                        .append(r.nextInt(8) == 0 ? "NULL" : String.valueOf(r.nextInt(10))).append(", ")
                        .append(r.nextInt(8) == 0 ? "NULL" : "'" + (char) ('a' + r.nextInt(3)) + r.nextInt(100) + "'")
                        .append(", ").append(r.nextInt(4) == 0 ? "NULL" : "'{\"k\": " + r.nextInt(50) + "}'")
                        .append(", ").append(r.nextInt(4) == 0 ? "NULL"
                                : "'[" + r.nextInt(5) + "," + r.nextInt(5) + "," + r.nextInt(5) + "]'")
                        .append(", ").append(r.nextInt(4) == 0 ? "NULL" : r.nextInt(1000) + "." + r.nextInt(100))
                        .append(')');
                first = false;
            }
        }
        if (!first) {
            s.execute(sql.toString());
        }
    }

    /** The columns the first key join of the plan cached for {@code sql} decodes (null: all). */
    private static boolean[] keyJoinColumns(Session s, String sql) {
        StatementCache.Entry e = s.statementCache().peek(sql);
        assertThat(e).as("cached: %s", sql).isNotNull();
        KeyJoinNode join = find(((QueryPlan) e.plan(0).entry().plan()).root());
        assertThat(join).as("a key join in %s", sql).isNotNull();
        return join.columns();
    }

    private static KeyJoinNode find(PlanNode node) {
        if (node instanceof KeyJoinNode k) {
            return k;
        }
        for (PlanNode child : node.children()) {
            KeyJoinNode found = find(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<String> rows(Session s, String sql) {
        List<String> out = new ArrayList<>();
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        for (Object[] row; (row = rows.next()) != null; ) {
            out.add(java.util.Arrays.deepToString(row));
        }
        if (!sql.contains("ORDER BY")) {
            out.sort(null);
        }
        return out;
    }
}

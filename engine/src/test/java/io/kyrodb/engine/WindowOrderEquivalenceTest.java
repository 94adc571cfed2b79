package io.kyrodb.engine;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Window functions over rows that arrive in partition order (a primary-key scan or range, an
 * index range: each partition sorted alone, and the final sort dropped when the window keeps an
 * order the ORDER BY asks for) answer exactly as over rows in no known order, which are sorted
 * whole: a seeded random table (ties and NULLs in the partition and order columns) is queried
 * through an indexed, keyed table and through an identical table without key or index, with
 * random windows (ORDER BY keys ASC or DESC, NULLS FIRST or LAST) and random final orders.
 * {@code -Dkyro.window.seed=N} replays one seed.
 */
class WindowOrderEquivalenceTest {
    private static final String[] FUNCTIONS = {
            "row_number() OVER (%s ORDER BY %s, id)", "rank() OVER (%s ORDER BY %s)", "dense_rank() OVER (%s ORDER BY %s)",
            "sum(c) OVER (%s ORDER BY %s)", "count(*) OVER (%s ORDER BY %s)", "lag(id) OVER (%s ORDER BY %s, id)",
            "first_value(id) OVER (%s ORDER BY %s, id)", "sum(id) OVER (%s ORDER BY %s, id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)",
            "count(*) OVER (%s)", "max(b) OVER (%s)"};

    @TestFactory
    Stream<DynamicTest> presortedWindowsAnswerAsSortedOnes() {
        String one = System.getProperty("kyro.window.seed");
        LongStream seeds = one != null ? LongStream.of(Long.parseLong(one)) : LongStream.rangeClosed(1, 8);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> trial(seed)));
    }

    private static void trial(long seed) {
        System.out.println("WindowOrderEquivalenceTest seed=" + seed
                + " (rerun: -Dtest=WindowOrderEquivalenceTest -Dkyro.window.seed=" + seed + ")");
        Random r = new Random(seed);
        Session s = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of("memtable_size", "16kB"));
        try {
            s.execute("CREATE TABLE x (id INTEGER PRIMARY KEY, a INTEGER, b VARCHAR(5), c BIGINT)");
            s.execute("CREATE TABLE p (id INTEGER, a INTEGER, b VARCHAR(5), c BIGINT)");
            s.execute("CREATE INDEX x_a ON x (a)");
            s.execute("CREATE INDEX x_b_a ON x (b, a)");
            s.execute("SET work_mem = '" + (seed % 3 == 0 ? "64kB" : "4MB") + "'");
            int n = 200 + r.nextInt(1500);
            for (int id = 0; id < n; id++) {
                int at = r.nextInt(n * 3);   // ids not in insertion order
                String a = r.nextInt(12) == 0 ? "NULL" : String.valueOf(r.nextInt(1 + r.nextInt(60)));
                String b = r.nextInt(8) == 0 ? "NULL" : "'w" + r.nextInt(6) + "'";
                String c = r.nextInt(8) == 0 ? "NULL" : String.valueOf(r.nextInt(9));
                String row = "(" + at + ", " + a + ", " + b + ", " + c + ")";
                if (rows(s, "SELECT 1 FROM x WHERE id = " + at).isEmpty()) {
                    s.execute("INSERT INTO x VALUES " + row);
                    s.execute("INSERT INTO p VALUES " + row);
                }
            }
            int unsorted = 0;
            for (int q = 0; q < 60; q++) {
                String sql = q % 6 == 0 ? eligible(r) : query(r);
                if (sql.contains("ORDER BY a, id\n") || sql.contains("ORDER BY id\n")) {
                    String plan = String.join("\n", rows(s, "EXPLAIN " + sql.formatted("x")).stream()
                            .map(row -> (String) row.get(0)).toList());
                    unsorted += plan.contains("Sort") ? 0 : 1;
                }
                List<List<Object>> fast = rows(s, sql.formatted("x"));
                List<List<Object>> plain = rows(s, sql.formatted("p"));
                if (!sql.contains("ORDER BY a, id\n") && !sql.contains("ORDER BY id\n") && !sql.contains("ORDER BY b, a, id\n")) {
                    fast = sorted(fast);
                    plain = sorted(plain);
                }
                assertThat(fast).as("seed %d: %s", seed, sql).isEqualTo(plain);
            }
            assertThat(unsorted).as("seed %d: some queries ordered by the access path ran without a sort", seed)
                    .isPositive();
        } finally {
            s.close();
        }
    }

    /** Queries whose ORDER BY the access path's order satisfies (a key scan, an index range when it is chosen). */
    private static String eligible(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> "SELECT id, a, row_number() OVER (PARTITION BY a ORDER BY c DESC, id), sum(c) OVER (PARTITION BY a"
                    + " ORDER BY b NULLS FIRST) FROM %s WHERE a < " + r.nextInt(30) + " ORDER BY a, id\n";
            case 1 -> "SELECT id, b, lag(a) OVER (ORDER BY b DESC NULLS LAST, id), rank() OVER (ORDER BY c) FROM %s"
                    + " ORDER BY id\n";
            default -> "SELECT id, c, count(*) OVER (PARTITION BY id), first_value(b) OVER (PARTITION BY id ORDER BY a)"
                    + " FROM %s WHERE id < " + r.nextInt(3000) + " ORDER BY id\n LIMIT " + (1 + r.nextInt(50));
        };
    }

    private static String query(Random r) {
        String[] partitions = {"", "PARTITION BY a", "PARTITION BY b", "PARTITION BY b, a", "PARTITION BY id",
                "PARTITION BY a, b"};
        String partition = partitions[r.nextInt(partitions.length)];
        List<String> order = new ArrayList<>();
        for (String col : List.of("c", "b", "a")) {
            if (order.isEmpty() || r.nextBoolean()) {
                order.add(col + (r.nextBoolean() ? " DESC" : "") + (r.nextInt(3) == 0 ? " NULLS FIRST"
                        : r.nextInt(2) == 0 ? " NULLS LAST" : ""));
            }
        }
        java.util.Collections.shuffle(order, r);
        List<String> calls = new ArrayList<>();
        for (int i = 0, k = 1 + r.nextInt(3); i < k; i++) {
            String f = FUNCTIONS[r.nextInt(FUNCTIONS.length)];
            // a second window now and then: two window nodes
            String p = r.nextInt(4) == 0 ? partitions[r.nextInt(partitions.length)] : partition;
            calls.add(f.formatted(p, String.join(", ", order)));
        }
        String[] wheres = {"", "WHERE a < " + r.nextInt(40), "WHERE a BETWEEN 3 AND " + r.nextInt(50),
                "WHERE a = " + r.nextInt(20), "WHERE id < " + r.nextInt(2000), "WHERE b >= 'w" + r.nextInt(6) + "'",
                "WHERE b = 'w2' AND a > 5"};
        String[] orders = {"", "ORDER BY a, id\n", "ORDER BY id\n", "ORDER BY b, a, id\n", "ORDER BY a DESC, id\n"};
        String finalOrder = orders[r.nextInt(orders.length)];
        return "SELECT id, a, b, c, " + String.join(", ", calls) + " FROM %s " + wheres[r.nextInt(wheres.length)]
                + " " + finalOrder + (r.nextInt(5) == 0 && !finalOrder.isEmpty() ? " LIMIT 7" : "");
    }

    /** The q14 shape: the rows of an index range, numbered per partition, in (partition, key) order without a sort. */
    @Test
    void anIndexRangeFeedsTheWindowAndTheOrderByWithoutASort() {
        Session s = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of());
        try {
            s.execute("CREATE TABLE o (id INTEGER PRIMARY KEY, customer INTEGER NOT NULL, day INTEGER NOT NULL)");
            s.execute("CREATE INDEX o_customer ON o (customer)");
            s.execute("INSERT INTO o SELECT g, (g * 7) % 500, g % 13 FROM generate_series(1, 30000) g");   // 0.6% in the range: the index
            s.execute("ANALYZE o");
            String sql = "SELECT customer, id, row_number() OVER (PARTITION BY customer ORDER BY day DESC, id) AS rn"
                    + " FROM o WHERE customer < 3 ORDER BY customer, id";
            List<String> plan = rows(s, "EXPLAIN " + sql).stream().map(row -> (String) row.get(0)).toList();
            assertThat(plan.get(0)).as(String.join("\n", plan)).doesNotContain("Sort");
            assertThat(String.join("\n", plan)).contains("Index Scan using o_customer").doesNotContain("Sort");
            List<List<Object>> rows = rows(s, sql);
            s.execute("DROP INDEX o_customer");
            assertThat(rows).isEqualTo(rows(s, sql)).hasSize(180);
        } finally {
            s.close();
        }
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows);
        out.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
        return out;
    }

    private static List<List<Object>> rows(Session s, String sql) {
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        List<List<Object>> out = new ArrayList<>();
        for (Object[] row; (row = rows.next()) != null; ) {
            out.add(java.util.Arrays.asList(row));
        }
        return out;
    }
}

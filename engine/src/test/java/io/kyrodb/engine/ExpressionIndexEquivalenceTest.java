package io.kyrodb.engine;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expression and partial indexes never change an answer: a seeded random workload runs the same
 * INSERT, UPDATE and DELETE statements on a table with expression indexes ({@code lower(b)},
 * {@code (a + d)}), partial ones ({@code WHERE c IS NOT NULL}, {@code WHERE a > 0}) and a partial
 * UNIQUE expression index, and on an identical table with only that UNIQUE index, read with index
 * scans off; every query that matches an index's expression or implies its predicate must return
 * the same rows from both, and a statement must fail (23505) on one exactly when it fails on the
 * other. A small memtable makes entries reach runs. {@code -Dkyro.exprindex.seed=N} replays one seed.
 */
class ExpressionIndexEquivalenceTest {
    private static final String[] WORDS = {"a", "A", "ab", "Ab", "b", "B", "ba", "", "zz", "ZZ"};

    @TestFactory
    Stream<DynamicTest> indexedAndScannedTablesAnswerAlike() {
        String one = System.getProperty("kyro.exprindex.seed");
        LongStream seeds = one != null ? LongStream.of(Long.parseLong(one)) : LongStream.rangeClosed(1, 8);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> trial(seed)));
    }

    private static void trial(long seed) {
        System.out.println("ExpressionIndexEquivalenceTest seed=" + seed
                + " (rerun: -Dtest=ExpressionIndexEquivalenceTest -Dkyro.exprindex.seed=" + seed + ")");
        Random r = new Random(seed);
        boolean keyed = seed % 2 == 0;
        Session s = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of("memtable_size", "16kB"));
        try {
            for (String t : List.of("x", "p")) {
                s.execute("CREATE TABLE " + t + " (" + (keyed ? "id INTEGER PRIMARY KEY" : "id INTEGER")
                        + ", a INTEGER, b TEXT, c DOUBLE PRECISION, d BIGINT)");
                // UNIQUE on both tables, so that the same statements fail on both
                s.execute("CREATE UNIQUE INDEX " + t + "_u ON " + t + " (lower(b), d) WHERE a < -5");
            }
            s.execute("CREATE INDEX x_lower ON x (lower(b))");
            s.execute("CREATE INDEX x_sum ON x ((a + d) DESC)");
            s.execute("CREATE INDEX x_c_known ON x (a) WHERE c IS NOT NULL");
            s.execute("CREATE INDEX x_pos ON x (b) WHERE a > 0");
            int nextId = 0;
            for (int step = 0; step < 400; step++) {
                int op = r.nextInt(10);
                if (op < 5) {
                    int id = nextId++;
                    String row = "(" + id + ", " + value(r, "a") + ", " + value(r, "b") + ", " + value(r, "c") + ", "
                            + value(r, "d") + ")";
                    sameOutcome(s, "INSERT INTO %s VALUES " + row);
                } else if (op < 7) {
                    String set = switch (r.nextInt(4)) {
                        case 0 -> "a = " + value(r, "a");
                        case 1 -> "b = " + value(r, "b");
                        case 2 -> "c = " + value(r, "c");
                        default -> "d = " + value(r, "d");
                    };
                    sameOutcome(s, "UPDATE %s SET " + set + " WHERE " + predicate(r));
                } else if (op < 8) {
                    sameOutcome(s, "DELETE FROM %s WHERE " + predicate(r));
                } else {
                    String where = predicate(r);
                    s.execute("SET enable_indexscan = off");
                    List<String> scanned = rows(s, "SELECT * FROM p WHERE " + where);
                    s.execute("SET enable_indexscan = on");
                    assertThat(rows(s, "SELECT * FROM x WHERE " + where)).as("WHERE %s", where).isEqualTo(scanned);
                }
            }
            assertThat(rows(s, "SELECT * FROM x")).isEqualTo(rows(s, "SELECT * FROM p"));
            assertThat(String.join("\n", rows(s, "EXPLAIN SELECT * FROM x WHERE lower(b) = 'ab'")))
                    .contains("Index Scan using x_lower on x");
            assertThat(String.join("\n", rows(s, "EXPLAIN SELECT * FROM x WHERE a + d < 3")))
                    .contains("Index Scan using x_sum on x");
            assertThat(String.join("\n", rows(s, "EXPLAIN SELECT * FROM x WHERE b = 'ab' AND a > 0")))
                    .contains("Index Scan using x_pos on x");
            assertThat(String.join("\n", rows(s, "EXPLAIN SELECT * FROM x WHERE b = 'ab'")))
                    .doesNotContain("x_pos");
        } finally {
            s.close();
        }
    }

    /** Runs {@code sql} on x and on p: the same count, or the same SQLSTATE. */
    private static void sameOutcome(Session s, String sql) {
        String onX = outcome(s, sql.formatted("x"));
        assertThat(outcome(s, sql.formatted("p"))).as(sql).isEqualTo(onX);
    }

    private static String outcome(Session s, String sql) {
        try {
            return "count " + ((ExecResult.Count) s.execute(sql)).count();
        } catch (KyroException e) {
            return e.state().code();
        }
    }

    private static String value(Random r, String column) {
        if (r.nextInt(6) == 0) {
            return "NULL";
        }
        return switch (column) {
            case "a", "d" -> String.valueOf(r.nextInt(21) - 10);
            case "b" -> "'" + WORDS[r.nextInt(WORDS.length)] + "'";
            default -> String.valueOf((r.nextInt(41) - 20) / 4.0);
        };
    }

    /** A condition an expression or partial index may serve, sometimes one none can. */
    private static String predicate(Random r) {
        String b = value(r, "b");
        String n = value(r, "a");
        return switch (r.nextInt(9)) {
            case 0 -> "lower(b) = " + b;
            case 1 -> "lower(b) IN (" + b + ", " + value(r, "b") + ")";
            case 2 -> "a + d " + (r.nextBoolean() ? "<" : ">=") + " " + n;
            case 3 -> "a + d BETWEEN " + n + " AND " + value(r, "a");
            case 4 -> "a = " + n + " AND c IS NOT NULL";
            case 5 -> "a = " + n + " AND c > " + value(r, "c");
            case 6 -> "b = " + b + " AND a > 0";
            case 7 -> "lower(b) = " + b + " AND a < -5 AND d = " + value(r, "d");
            default -> "b = " + b;
        };
    }

    /** The rows as text, sorted: the comparison ignores order. */
    private static List<String> rows(Session s, String sql) {
        List<String> out = new ArrayList<>();
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        for (Object[] row; (row = rows.next()) != null; ) {
            out.add(java.util.Arrays.toString(row));
        }
        if (!sql.startsWith("EXPLAIN")) {
            out.sort(null);
        }
        return out;
    }
}

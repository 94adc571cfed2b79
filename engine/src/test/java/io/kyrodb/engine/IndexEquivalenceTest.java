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
 * Indexes never change an answer: a seeded random workload runs the same INSERT, UPDATE and DELETE
 * statements on an indexed table and on an identical table without indexes (with a primary key,
 * and without one), with a small memtable so entries reach runs, and every query (=, IN, ranges,
 * BETWEEN, NULLs, values of other types) must return the same rows from both, as must UPDATE and
 * DELETE counts; so must queries that read only indexed columns (answered from the entries, an
 * Index Only Scan). {@code -Dkyro.index.seed=N} replays one seed.
 */
class IndexEquivalenceTest {
    private static final String[] WORDS = {"a", "ab", "b", "ba", "c", "", "zz", "a b"};

    @TestFactory
    Stream<DynamicTest> indexedAndPlainTablesAnswerAlike() {
        String one = System.getProperty("kyro.index.seed");
        LongStream seeds = one != null ? LongStream.of(Long.parseLong(one)) : LongStream.rangeClosed(1, 12);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> trial(seed)));
    }

    private static void trial(long seed) {
        System.out.println("IndexEquivalenceTest seed=" + seed + " (rerun: -Dtest=IndexEquivalenceTest -Dkyro.index.seed="
                + seed + ")");
        Random r = new Random(seed);
        boolean keyed = seed % 2 == 0;
        Session s = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of("memtable_size", "16kB"));
        try {
            for (String t : List.of("x", "p")) {
                s.execute("CREATE TABLE " + t + " (" + (keyed ? "id INTEGER PRIMARY KEY" : "id INTEGER")
                        + ", a INTEGER, b VARCHAR(5), c DOUBLE PRECISION, d BIGINT)");
            }
            s.execute("CREATE INDEX x_a ON x (a)");
            s.execute("CREATE INDEX x_b_a ON x (b DESC, a)");
            s.execute("CREATE INDEX x_c ON x (c)");
            s.execute("CREATE UNIQUE INDEX x_d ON x (d)");
            int nextId = 0;
            for (int step = 0; step < 400; step++) {
                int op = r.nextInt(10);
                if (op < 5) {
                    int id = nextId++;
                    String row = "(" + id + ", " + value(r, "a") + ", " + value(r, "b") + ", " + value(r, "c") + ", "
                            + (r.nextInt(4) == 0 ? "NULL" : String.valueOf(id * 3L)) + ")";
                    s.execute("INSERT INTO x VALUES " + row);
                    s.execute("INSERT INTO p VALUES " + row);
                } else if (op < 7) {
                    String where = predicate(r);
                    String set = switch (r.nextInt(3)) {
                        case 0 -> "a = " + value(r, "a");
                        case 1 -> "b = " + value(r, "b");
                        default -> "c = " + value(r, "c");
                    };
                    assertThat(count(s, "UPDATE x SET " + set + " WHERE " + where))
                            .as("UPDATE ... WHERE %s", where).isEqualTo(count(s, "UPDATE p SET " + set + " WHERE " + where));
                } else if (op < 8) {
                    String where = predicate(r);
                    assertThat(count(s, "DELETE FROM x WHERE " + where))
                            .as("DELETE ... WHERE %s", where).isEqualTo(count(s, "DELETE FROM p WHERE " + where));
                } else {
                    String where = predicate(r);
                    assertThat(rows(s, "SELECT * FROM x WHERE " + where)).as("WHERE %s", where)
                            .isEqualTo(rows(s, "SELECT * FROM p WHERE " + where));
                    // only indexed columns and the key: answered from the entries (Index Only Scan)
                    for (String covered : List.of("SELECT count(*) FROM %s WHERE ", "SELECT count(*), sum(a) FROM %s WHERE ",
                            "SELECT b, a FROM %s WHERE ", "SELECT o.id FROM %1$s o WHERE (SELECT count(*) FROM %1$s i"
                                    + " WHERE i.a = o.a) > 1 AND NOT EXISTS (SELECT 1 FROM %1$s i WHERE i.b = o.b) OR ")) {
                        assertThat(rows(s, covered.formatted("x") + where)).as("index only, %s", covered + where)
                                .isEqualTo(rows(s, covered.formatted("p") + where));
                    }
                }
            }
            assertThat(rows(s, "SELECT * FROM x")).isEqualTo(rows(s, "SELECT * FROM p"));
            String plan = String.join("\n", rows(s, "EXPLAIN SELECT * FROM x WHERE a = 3"));
            assertThat(plan).contains("Index Scan using x_a on x");
        } finally {
            s.close();
        }
    }

    private static String value(Random r, String column) {
        if (r.nextInt(6) == 0) {
            return "NULL";
        }
        return switch (column) {
            case "a" -> String.valueOf(r.nextInt(21) - 10);
            case "b" -> "'" + WORDS[r.nextInt(WORDS.length)] + "'";
            default -> String.valueOf((r.nextInt(41) - 20) / 4.0);
        };
    }

    /** A condition an index may serve, sometimes mixed with one it cannot. */
    private static String predicate(Random r) {
        String column = List.of("a", "b", "c").get(r.nextInt(3));
        String v = value(r, column);
        String w = value(r, column);
        String p = switch (r.nextInt(7)) {
            case 0 -> column + " = " + v;
            case 1 -> v + " = " + column;
            case 2 -> column + " IN (" + v + ", " + w + ", " + v + ")";
            case 3 -> column + (r.nextBoolean() ? " < " : " <= ") + v;
            case 4 -> column + (r.nextBoolean() ? " > " : " >= ") + v;
            case 5 -> column + " BETWEEN " + v + " AND " + w;
            default -> column.equals("b") ? "b = 'abcdefgh'" : column + " = " + (r.nextInt(21) - 10) + ".5";
        };
        return switch (r.nextInt(4)) {
            case 0 -> p + " AND d IS NOT NULL";
            case 1 -> p + " AND a > 0";
            default -> p;
        };
    }

    private static long count(Session s, String sql) {
        return ((ExecResult.Count) s.execute(sql)).count();
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

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
 * The distinct push-down rule never changes an answer: on seeded random tables (NULL join keys,
 * integer, bigint and numeric keys joined with each other, text groups whose Java hash codes
 * collide, many duplicates), every GROUP BY over joins whose aggregates ignore duplicates returns
 * the same rows with the rule on (by estimate, and forced with {@code optimizer_cost_based} off) as
 * with it off, within work_mem and spilled past a small one. {@code -Dkyro.pushdown.seed=N}
 * replays one seed.
 */
class DistinctPushdownEquivalenceTest {
    /** "Aa" and "BB" (and their concatenations) have the same String.hashCode. */
    private static final String[] WORDS = {"Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "x", ""};

    private static final List<String> QUERIES = List.of(
            "SELECT d.g, count(DISTINCT f.k) FROM f JOIN d ON d.id = f.k GROUP BY d.g",
            "SELECT d.g, count(DISTINCT f.k), min(f.g), max(f.v) FROM f JOIN d ON d.id = f.k GROUP BY d.g",
            "SELECT f.g, min(d.h), max(d.g), count(DISTINCT d.h) FROM f JOIN d ON d.id = f.kb GROUP BY f.g",
            "SELECT d.g, count(DISTINCT f.v) FROM f JOIN d ON d.id = f.kn GROUP BY d.g",
            "SELECT d.h, sum(DISTINCT f.v), avg(DISTINCT f.v), count(DISTINCT f.g) FROM d JOIN f ON f.kb = d.id"
                    + " GROUP BY d.h",
            "SELECT e.grp, count(DISTINCT f.v), max(d.g) FROM f JOIN d ON d.id = f.k JOIN e ON e.id = d.h GROUP BY e.grp",
            "SELECT e.grp, d.g, bool_and(f.flag), bool_or(f.flag), bit_or(f.v) FROM e JOIN d ON d.h = e.id"
                    + " JOIN f ON f.k = d.id GROUP BY e.grp, d.g",
            "SELECT d.g FROM f JOIN d ON d.id = f.k GROUP BY d.g",
            "SELECT d.g, count(DISTINCT f.v) FROM f JOIN d ON d.id = f.k WHERE f.v > 3 AND d.h < 20 GROUP BY d.g",
            "SELECT d.g, count(DISTINCT f.v) FROM f JOIN d ON d.id = f.k GROUP BY d.g HAVING count(DISTINCT f.v) > 2",
            "SELECT f.g, count(DISTINCT d.g) FROM f JOIN d ON d.g = f.g GROUP BY f.g",
            "SELECT max(f.g), min(d.id), count(DISTINCT f.k) FROM f JOIN d ON d.id = f.k",
            // not rewritten (count(*) sees duplicates; a join filter): answers must hold all the same
            "SELECT d.g, count(*), count(DISTINCT f.k) FROM f JOIN d ON d.id = f.k GROUP BY d.g",
            "SELECT d.g, count(DISTINCT f.k) FROM f JOIN d ON d.id = f.k AND f.v < d.h GROUP BY d.g",
            // thousands of distinct integers: past half of a 64kB work_mem the unboxed set hands over
            "SELECT gd.grp, count(DISTINCT gk.k), max(gk.k), min(gk.k) FROM gk JOIN gd ON gd.id = gk.k GROUP BY gd.grp",
            "SELECT gd.grp, count(DISTINCT gk.v) FROM gk JOIN gd ON gd.id = gk.v GROUP BY gd.grp");

    @TestFactory
    Stream<DynamicTest> rewrittenAndPlainPlansAnswerAlike() {
        String one = System.getProperty("kyro.pushdown.seed");
        LongStream seeds = one != null ? LongStream.of(Long.parseLong(one)) : LongStream.rangeClosed(1, 6);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> trial(seed)));
    }

    private static void trial(long seed) {
        System.out.println("DistinctPushdownEquivalenceTest seed=" + seed
                + " (rerun: -Dtest=DistinctPushdownEquivalenceTest -Dkyro.pushdown.seed=" + seed + ")");
        Random r = new Random(seed);
        Session s = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of());
        try {
            s.execute("CREATE TABLE d (id INTEGER PRIMARY KEY, g TEXT, h INTEGER)");
            s.execute("CREATE TABLE e (id BIGINT PRIMARY KEY, grp INTEGER)");
            s.execute("CREATE TABLE f (id INTEGER PRIMARY KEY, k INTEGER, kb BIGINT, kn NUMERIC, g VARCHAR(10),"
                    + " v INTEGER, flag BOOLEAN)");
            int dRows = 50 + r.nextInt(200);
            StringBuilder sql = new StringBuilder("INSERT INTO d VALUES ");
            for (int i = 0; i < dRows; i++) {
                sql.append(i == 0 ? "" : ", ").append("(").append(i).append(", ").append(word(r)).append(", ")
                        .append(r.nextInt(8) == 0 ? "NULL" : String.valueOf(r.nextInt(30))).append(")");
            }
            s.execute(sql.toString());
            sql = new StringBuilder("INSERT INTO e VALUES ");
            for (int i = 0; i < 30; i++) {
                sql.append(i == 0 ? "" : ", ").append("(").append(i).append(", ").append(r.nextInt(5)).append(")");
            }
            s.execute(sql.toString());
            int fRows = 2000 + r.nextInt(3000);
            for (int start = 0; start < fRows; start += 500) {
                sql = new StringBuilder("INSERT INTO f VALUES ");
                for (int i = start; i < Math.min(fRows, start + 500); i++) {
                    int k = r.nextInt(dRows + 20) - 10;
                    sql.append(i == start ? "" : ", ").append("(").append(i).append(", ")
                            .append(r.nextInt(10) == 0 ? "NULL" : String.valueOf(k)).append(", ")
                            .append(r.nextInt(10) == 0 ? "NULL" : String.valueOf(k)).append(", ")
                            .append(r.nextInt(10) == 0 ? "NULL" : k + (r.nextBoolean() ? ".0" : "")).append(", ")
                            .append(word(r)).append(", ")
                            .append(r.nextInt(10) == 0 ? "NULL" : String.valueOf(r.nextInt(12))).append(", ")
                            .append(r.nextInt(5) == 0 ? "NULL" : String.valueOf(r.nextBoolean())).append(")");
                }
                s.execute(sql.toString());
            }
            s.execute("CREATE TABLE gk (id INTEGER PRIMARY KEY, k BIGINT, v INTEGER)");
            s.execute("CREATE TABLE gd (id BIGINT PRIMARY KEY, grp INTEGER)");
            int distinctKeys = 4000 + r.nextInt(3000);
            for (int start = 0; start < 3 * distinctKeys; start += 1000) {
                sql = new StringBuilder("INSERT INTO gk VALUES ");
                for (int i = start; i < Math.min(3 * distinctKeys, start + 1000); i++) {
                    sql.append(i == start ? "" : ", ").append("(").append(i).append(", ")
                            .append(r.nextInt(50) == 0 ? "NULL" : String.valueOf(r.nextInt(distinctKeys) - 5)).append(", ")
                            .append(r.nextInt(50) == 0 ? "NULL" : String.valueOf(r.nextInt(distinctKeys))).append(")");
                }
                s.execute(sql.toString());
            }
            s.execute("INSERT INTO gd SELECT g, g % 7 FROM generate_series(0, " + distinctKeys + ") g");
            s.execute("ANALYZE");
            for (String q : QUERIES) {
                s.execute("SET enable_distinct_pushdown = off");
                List<String> plain = rows(s, q);
                s.execute("RESET enable_distinct_pushdown");
                assertThat(rows(s, q)).as("by estimate: %s", q).isEqualTo(plain);
                s.execute("SET optimizer_cost_based = off");
                assertThat(rows(s, q)).as("forced: %s", q).isEqualTo(plain);
                s.execute("SET work_mem = '64kB'");
                assertThat(rows(s, q)).as("forced, spilled: %s", q).isEqualTo(plain);
                s.execute("RESET optimizer_cost_based");
                assertThat(rows(s, q)).as("by estimate, spilled: %s", q).isEqualTo(plain);
                s.execute("RESET work_mem");
            }
            // the rule did run: by estimate on the big side only, forced on every input it may reduce
            String plan = String.join("\n", rows(s, "EXPLAIN " + QUERIES.get(0)));
            assertThat(plan).contains("Group Key: f.k");
            assertThat(plan).doesNotContain("Group Key: d.id");   // the top GROUP BY d.g is there; no dedup of d
            s.execute("SET optimizer_cost_based = off");
            plan = String.join("\n", rows(s, "EXPLAIN " + QUERIES.get(5)));
            assertThat(plan).contains("Group Key: f.k, f.v").contains("Group Key: d.id, d.g, d.h")
                    .contains("Group Key: e.id, e.grp");
            plan = String.join("\n", rows(s, "EXPLAIN " + QUERIES.get(12)));
            assertThat(plan).doesNotContain("Group Key: f.");
        } finally {
            s.close();
        }
    }

    private static String word(Random r) {
        return r.nextInt(12) == 0 ? "NULL" : "'" + WORDS[r.nextInt(WORDS.length)] + "'";
    }

    /** The rows as text, sorted (the comparison ignores order); EXPLAIN's lines as they come. */
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

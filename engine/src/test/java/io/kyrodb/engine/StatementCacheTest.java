package io.kyrodb.engine;

import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.plan.QueryPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's statement cache ({@link StatementCache}, {@link PlanCache}): a text run or
 * prepared again reuses its parse and plan, and a plan is made again whenever what it was made
 * from changed (DDL here or in another session, SET, statistics), never reused when binding read
 * the clock; the cache is bounded and can be turned off. The seeded workload runs the same
 * statements, DDL and SETs in two sessions of one database and in two of another with the cache
 * off, and every answer must be the same. {@code -Dkyro.stmtcache.seed=N} replays one seed.
 */
class StatementCacheTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void close() {
        for (Session s : sessions) {
            s.close();
        }
    }

    private Session connect(DatabaseLocation location, Map<String, String> settings) {
        Session s = Session.connect(location, settings);
        sessions.add(s);
        return s;
    }

    private static DatabaseLocation newDatabase() {
        return new DatabaseLocation.NamedMemory("stmtcache" + NAMES.incrementAndGet());
    }

    /** The plan kept for the first statement of {@code sql}, or null. */
    private static Plan cachedPlan(Session s, String sql) {
        StatementCache.Entry e = s.statementCache().peek(sql);
        if (e == null || e.plan(0) == null || e.plan(0).entry() == null) {
            return null;
        }
        return e.plan(0).entry().plan();
    }

    private static String planText(Plan plan) {
        StringBuilder out = new StringBuilder();
        describe(((QueryPlan) plan).root(), 0, out);
        return out.toString();
    }

    private static void describe(PlanNode node, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(node.describe()).append('\n');
        for (PlanNode child : node.children()) {
            describe(child, depth + 1, out);
        }
    }

    private static List<String> rows(Session s, String sql) {
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        List<String> out = new ArrayList<>();
        for (Object[] r; (r = rows.next()) != null; ) {
            out.add(Arrays.deepToString(r));
        }
        rows.close();
        return out;
    }

    private static List<String> rows(ExecResult result) {
        ExecResult.Rows rows = (ExecResult.Rows) result;
        List<String> out = new ArrayList<>();
        for (Object[] r; (r = rows.next()) != null; ) {
            out.add(Arrays.deepToString(r));
        }
        rows.close();
        return out;
    }

    private Session withItems() {
        Session s = connect(newDatabase(), Map.of());
        s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, cat INTEGER, qty INTEGER)");
        s.execute("INSERT INTO items SELECT g, g % 10, g FROM generate_series(1, 200) g");
        s.execute("CREATE INDEX items_cat ON items (cat)");
        return s;
    }

    @Test
    void aStatementRunAgainKeepsItsPlan() {
        Session s = withItems();
        String sql = "SELECT count(*) FROM items WHERE cat = 3";
        assertThat(rows(s, sql)).containsExactly("[20]");
        Plan first = cachedPlan(s, sql);
        assertThat(first).isNotNull();
        assertThat(rows(s, sql)).containsExactly("[20]");
        assertThat(cachedPlan(s, sql)).isSameAs(first);
        s.execute("INSERT INTO items VALUES (1000, 3, 0)");   // data, not the catalog: the plan holds
        assertThat(rows(s, sql)).containsExactly("[21]");
    }

    @Test
    void statementsPreparedAgainShareTheParseAndThePlan() {
        Session s = withItems();
        String sql = "SELECT qty FROM items WHERE id = ?";
        PreparedSql first = s.prepare(sql);
        assertThat(rows(first.execute(new Object[]{5}))).containsExactly("[5]");
        Plan plan = cachedPlan(s, sql);
        assertThat(plan).isNotNull();
        PreparedSql again = s.prepare(sql);
        assertThat(rows(again.execute(new Object[]{6}))).containsExactly("[6]");
        assertThat(cachedPlan(s, sql)).isSameAs(plan);
        s.execute("ALTER TABLE items ADD COLUMN note TEXT");
        assertThat(rows(first.execute(new Object[]{7}))).containsExactly("[7]");
        assertThat(cachedPlan(s, sql)).isNotSameAs(plan);
    }

    @Test
    void settingsDdlAndAnotherSessionsCommitMakeANewPlan() {
        Session s = withItems();
        String sql = "SELECT id FROM items WHERE cat = 3 AND qty > 170 ORDER BY id";
        assertThat(rows(s, sql)).containsExactly("[173]", "[183]", "[193]");
        Plan indexed = cachedPlan(s, sql);
        assertThat(planText(indexed)).contains("items_cat");

        s.execute("SET enable_indexscan = off");
        assertThat(rows(s, sql)).containsExactly("[173]", "[183]", "[193]");
        Plan scanned = cachedPlan(s, sql);
        assertThat(planText(scanned)).doesNotContain("items_cat");
        s.execute("SET application_name = 'reporting'");   // no plan reads it: the plan holds
        assertThat(rows(s, sql)).containsExactly("[173]", "[183]", "[193]");
        assertThat(cachedPlan(s, sql)).isSameAs(scanned);
        s.execute("RESET enable_indexscan");
        assertThat(rows(s, sql)).containsExactly("[173]", "[183]", "[193]");
        assertThat(planText(cachedPlan(s, sql))).contains("items_cat");
        s.execute("SET enable_hashjoin = off");
        s.execute("RESET enable_hashjoin");   // back to the settings the plan was made with
        Plan kept = cachedPlan(s, sql);
        assertThat(rows(s, sql)).containsExactly("[173]", "[183]", "[193]");
        assertThat(cachedPlan(s, sql)).isSameAs(kept);

        Plan before = cachedPlan(s, sql);
        Session other = connect(s.database().location(), Map.of());
        other.execute("DROP INDEX items_cat");
        assertThat(rows(s, sql)).containsExactly("[173]", "[183]", "[193]");
        assertThat(cachedPlan(s, sql)).isNotSameAs(before);
        assertThat(planText(cachedPlan(s, sql))).doesNotContain("items_cat");
    }

    @Test
    void newStatisticsMakeANewPlanForAQueryThatReadThem() {
        Session s = withItems();
        s.execute("CREATE TABLE parts (id INTEGER PRIMARY KEY, item_id INTEGER)");
        s.execute("INSERT INTO parts SELECT g, g % 50 FROM generate_series(1, 100) g");
        String sql = "SELECT count(*) FROM items i JOIN parts p ON p.item_id = i.id WHERE i.cat = 1";
        List<String> answer = rows(s, sql);
        Plan first = cachedPlan(s, sql);
        assertThat(first).isNotNull();
        assertThat(rows(s, sql)).isEqualTo(answer);
        assertThat(cachedPlan(s, sql)).isSameAs(first);

        s.execute("ANALYZE parts");   // new statistics, even unchanged ones: plan again
        assertThat(rows(s, sql)).isEqualTo(answer);
        Plan afterAnalyze = cachedPlan(s, sql);
        assertThat(afterAnalyze).isNotSameAs(first);

        // enough new rows that auto-analyze is due: planning again would analyze first, so it must
        s.execute("INSERT INTO parts SELECT g, 1 FROM generate_series(101, 5000) g");
        List<String> grown = rows(s, sql);
        assertThat(cachedPlan(s, sql)).isNotSameAs(afterAnalyze);
        s.execute("SET statement_cache_size = 0");
        assertThat(rows(s, sql)).isEqualTo(grown);
    }

    @Test
    void aPlanThatReadTheClockIsNotKept() throws InterruptedException {
        Session s = connect(newDatabase(), Map.of());
        String folded = "SELECT 'now'::timestamptz";
        List<String> first = rows(s, folded);
        assertThat(cachedPlan(s, folded)).isNull();
        Thread.sleep(3);
        assertThat(rows(s, folded)).isNotEqualTo(first);

        String called = "SELECT now()";
        List<String> before = rows(s, called);
        Thread.sleep(3);
        assertThat(rows(s, called)).isNotEqualTo(before);
    }

    @Test
    void theCacheIsBoundedAndCanBeTurnedOff() {
        Session s = withItems();
        s.execute("SET statement_cache_size = 2");
        for (int i = 1; i <= 5; i++) {
            rows(s, "SELECT qty FROM items WHERE id = " + i);
        }
        assertThat(s.statementCache().size()).isEqualTo(2);
        assertThat(s.statementCache().peek("SELECT qty FROM items WHERE id = 5")).isNotNull();
        assertThat(s.statementCache().peek("SELECT qty FROM items WHERE id = 1")).isNull();

        s.execute("SET statement_cache_size = 0");
        rows(s, "SELECT qty FROM items WHERE id = 7");
        rows(s, "SELECT qty FROM items WHERE id = 7");
        assertThat(s.statementCache().size()).isZero();

        s.execute("RESET statement_cache_size");
        String big = "SELECT qty FROM items WHERE id IN (" + "1, ".repeat(StatementCache.MAX_SQL_CHARS / 3) + "2)";
        assertThat(rows(s, big)).containsExactly("[1]", "[2]");
        assertThat(s.statementCache().peek(big)).isNull();
    }

    // ---- The same workload with the cache on and off -------------------------------------------

    /** Statements drawn at random, so the same texts come back after DDL and SETs between them. */
    private static final String[] WORKLOAD = {
            "SELECT * FROM t ORDER BY id",
            "SELECT id, b FROM t WHERE a = 3 ORDER BY id",
            "SELECT count(*), sum(u.w) FROM t JOIN u ON u.t_id = t.id WHERE t.id BETWEEN 5 AND 40",
            "SELECT t.id, count(u.id) FROM t LEFT JOIN u ON u.t_id = t.id WHERE t.a < 3 GROUP BY t.id ORDER BY t.id",
            "SELECT x FROM t ORDER BY id",
            "SELECT v FROM s ORDER BY v",
            "SELECT * FROM big_t ORDER BY id",
            "INSERT INTO t (id, a, b) SELECT coalesce(max(id), 0) + 1, coalesce(max(id), 0) * 7 % 5, 'r' FROM t",
            "INSERT INTO u (id, t_id, w) SELECT coalesce(max(id), 0) + 1, coalesce(max(id), 0) * 3 % 50, 2 FROM u",
            "UPDATE t SET a = a + 1 WHERE id % 5 = 0",
            "DELETE FROM u WHERE id % 11 = 4",
            "ALTER TABLE t ADD COLUMN x INTEGER DEFAULT 1",
            "ALTER TABLE t DROP COLUMN x",
            "CREATE INDEX t_a ON t (a)",
            "DROP INDEX t_a",
            "CREATE INDEX u_t ON u (t_id)",
            "DROP INDEX u_t",
            "CREATE TEMP TABLE s (v TEXT)",
            "INSERT INTO s VALUES ('temp')",
            "DROP TABLE s",
            "CREATE TABLE IF NOT EXISTS public.s (v TEXT)",
            "SET search_path = other, public",
            "RESET search_path",
            "SET enable_hashjoin = off",
            "SET enable_indexscan = off",
            "SET enable_nestloop = off",
            "RESET ALL",
            "CREATE OR REPLACE VIEW big_t AS SELECT id FROM t WHERE a >= 3",
            "CREATE OR REPLACE VIEW big_t AS SELECT id FROM t WHERE a >= 4",
            "ANALYZE",
            "BEGIN",
            "COMMIT",
            "ROLLBACK",
    };

    @TestFactory
    Stream<DynamicTest> theSameWorkloadAnswersAlikeWithTheCacheOnAndOff() {
        String one = System.getProperty("kyro.stmtcache.seed");
        LongStream seeds = one != null ? LongStream.of(Long.parseLong(one)) : LongStream.rangeClosed(1, 6);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> trial(seed)));
    }

    private void trial(long seed) {
        System.out.println("StatementCacheTest seed=" + seed + " (rerun: -Dtest=StatementCacheTest -Dkyro.stmtcache.seed="
                + seed + ")");
        DatabaseLocation cachedDb = newDatabase();
        DatabaseLocation plainDb = newDatabase();
        // one session's open transaction makes the other's writes wait for the lock: not for long
        Map<String, String> on = Map.of("lock_timeout", "1ms");
        Map<String, String> off = Map.of("lock_timeout", "1ms", "statement_cache_size", "0");
        Session[] cached = {connect(cachedDb, on), connect(cachedDb, on)};
        Session[] plain = {connect(plainDb, off), connect(plainDb, off)};
        for (Session s : List.of(cached[0], plain[0])) {
            s.execute("CREATE SCHEMA other");
            s.execute("CREATE TABLE other.s (v TEXT)");
            s.execute("INSERT INTO other.s VALUES ('other')");
            s.execute("CREATE TABLE s (v TEXT)");
            s.execute("INSERT INTO s VALUES ('public')");
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT)");
            s.execute("INSERT INTO t SELECT g, g % 5, 'b' || g FROM generate_series(1, 60) g");
            s.execute("CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER, w INTEGER)");
            s.execute("INSERT INTO u SELECT g, g % 50, g FROM generate_series(1, 300) g");
            s.execute("CREATE VIEW big_t AS SELECT id FROM t WHERE a >= 3");
        }
        Random r = new Random(seed);
        for (int step = 0; step < 300; step++) {
            String sql = WORKLOAD[r.nextInt(WORKLOAD.length)];
            int who = r.nextInt(4) == 0 ? 1 : 0;
            String withCache = outcome(cached[who], sql);
            String without = outcome(plain[who], sql);
            assertThat(withCache).as("seed %d step %d session %d: %s", seed, step, who, sql).isEqualTo(without);
        }
        assertThat(cached[0].statementCache().size()).isPositive();
        assertThat(plain[0].statementCache().size()).isZero();
    }

    private static String outcome(Session s, String sql) {
        try {
            ExecResult result = s.execute(sql);
            return result instanceof ExecResult.Rows ? String.join("\n", rows(result))
                    : "count " + ((ExecResult.Count) result).count();
        } catch (KyroException e) {
            return "error " + e.state().code();
        }
    }
}

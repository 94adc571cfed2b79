package io.kyrodb.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CREATE FUNCTION ... LANGUAGE sql through the engine's API: inlining of single-expression bodies
 * (no SubPlan in the plan), languages other than sql, recursion, $n parameters of prepared
 * statements, and functions surviving a reopen from the WAL alone and from a checkpoint.
 */
class UserFunctionTest {
    @TempDir
    Path dir;

    private static List<String> query(Session s, String sql) {
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        List<String> out = new ArrayList<>();
        for (Object[] r; (r = rows.next()) != null; ) {
            out.add(String.join("|", Arrays.stream(r).map(v -> v == null ? "NULL" : v.toString()).toList()));
        }
        return out;
    }

    private static SqlState state(Runnable r) {
        try {
            r.run();
        } catch (KyroException e) {
            return e.state();
        }
        throw new AssertionError("no error");
    }

    private Session memory(String name) {
        return Session.connect(new DatabaseLocation.NamedMemory("userfn-" + name), Map.of());
    }

    @Test
    void aSingleExpressionBodyIsInlinedAndOneWithFromRunsAsASubquery() {
        try (Session s = memory("inline")) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, x INT)");
            s.execute("INSERT INTO t VALUES (1, 10), (2, NULL)");
            s.execute("CREATE FUNCTION twice(v int) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS 'SELECT v * 2'");
            s.execute("CREATE FUNCTION total() RETURNS bigint LANGUAGE sql AS 'SELECT sum(x) FROM t'");
            assertThat(String.join("\n", query(s, "EXPLAIN SELECT twice(x) FROM t"))).doesNotContain("SubPlan")
                    .doesNotContain("InitPlan");
            assertThat(query(s, "SELECT id, twice(x) FROM t ORDER BY id")).containsExactly("1|20", "2|NULL");
            assertThat(String.join("\n", query(s, "EXPLAIN SELECT total() FROM t"))).contains("InitPlan");
            assertThat(query(s, "SELECT total()")).containsExactly("10");
        }
    }

    @Test
    void plpgsqlIsALanguageAndAnUnknownOneDoesNotExist() {
        try (Session s = memory("plpgsql")) {
            s.execute("CREATE FUNCTION f(n int DEFAULT 1) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN n + 1; END $$");
            assertThat(query(s, "SELECT f(), f(41)")).containsExactly("2|42");
            assertThat(query(s, "SELECT count(*) FROM pg_proc WHERE proname = 'f'")).containsExactly("1");
            assertThatThrownBy(() -> s.execute("CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1 END $$"))
                    .isInstanceOfSatisfying(KyroException.class, e -> assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR));
            assertThatThrownBy(() -> s.execute("CREATE FUNCTION g() RETURNS int LANGUAGE plperl AS $$ return 1 $$"))
                    .isInstanceOfSatisfying(KyroException.class, e -> {
                        assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_OBJECT);
                        assertThat(e.getMessage()).contains("language \"plperl\" does not exist");
                    });
            assertThat(query(s, "SELECT count(*) FROM pg_proc WHERE proname = 'g'")).containsExactly("0");
        }
    }

    @Test
    void aRecursiveFunctionFailsInsteadOfOverflowingTheStack() {
        try (Session s = memory("recursive")) {
            s.execute("CREATE FUNCTION r(n int) RETURNS int LANGUAGE sql AS 'SELECT 1'");
            s.execute("CREATE OR REPLACE FUNCTION r(n int) RETURNS int LANGUAGE sql AS 'SELECT r(n - 1) + 1'");
            assertThat(state(() -> s.execute("SELECT r(3)"))).isEqualTo(SqlState.PROGRAM_LIMIT_EXCEEDED);
        }
    }

    @Test
    void numberedParametersThroughThePreparedApi() {
        try (Session s = memory("dollar")) {
            PreparedSql p = s.prepare("SELECT $2::int - $1::int, $1");
            assertThat(p.parameterCount()).isEqualTo(2);
            ExecResult.Rows rows = (ExecResult.Rows) p.execute(new Object[] {1, 5});
            assertThat(Arrays.asList(rows.next())).containsExactly(4, 1);
            assertThat(state(() -> s.execute("SELECT $1"))).isEqualTo(SqlState.UNDEFINED_PARAMETER);
        }
    }

    /** Halted without a checkpoint: the functions come back from the WAL's change records alone. */
    @Test
    void functionsAreReplayedFromTheWal() {
        Path walOnly = dir.resolve("wal-only");
        Database db = new Database(new DatabaseLocation.Directory(walOnly),
                io.kyrodb.engine.settings.Settings.parse(Map.of()), io.kyrodb.engine.fs.LocalFileSystem.INSTANCE);
        Session s = Session.attach(db);
        s.execute("CREATE FUNCTION sq(v numeric) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN v * v");
        s.execute("CREATE FUNCTION gone() RETURNS int LANGUAGE sql RETURN 1");
        s.execute("DROP FUNCTION gone()");
        db.halt();
        Database again = new Database(new DatabaseLocation.Directory(walOnly),
                io.kyrodb.engine.settings.Settings.parse(Map.of()), io.kyrodb.engine.fs.LocalFileSystem.INSTANCE);
        try {
            Session t = Session.attach(again);
            assertThat(query(t, "SELECT sq(1.5)")).containsExactly("2.25");
            assertThat(state(() -> t.execute("SELECT gone()"))).isEqualTo(SqlState.UNDEFINED_FUNCTION);
        } finally {
            again.close();
        }
    }

    @Test
    void functionsSurviveAReopenAfterACheckpoint() {
        try (Session s = Session.connect(new DatabaseLocation.Directory(dir), Map.of())) {
            s.execute("CREATE FUNCTION inc(a int, b int DEFAULT 1) RETURNS int LANGUAGE sql RETURN a + b");
            s.execute("CHECKPOINT");
            s.execute("CREATE FUNCTION label(x text) RETURNS text LANGUAGE sql STABLE AS $$ SELECT '<' || x || '>' $$");
            s.execute("BEGIN");
            s.execute("CREATE FUNCTION rolled_back() RETURNS int LANGUAGE sql AS 'SELECT 1'");
            s.execute("ROLLBACK");
        }
        try (Session s = Session.connect(new DatabaseLocation.Directory(dir), Map.of())) {
            assertThat(query(s, "SELECT inc(1), inc(1, 5), label('a')")).containsExactly("2|6|<a>");
            assertThat(state(() -> s.execute("SELECT rolled_back()"))).isEqualTo(SqlState.UNDEFINED_FUNCTION);
            assertThat(query(s, "SELECT proname, provolatile FROM pg_proc WHERE proname IN ('inc', 'label') ORDER BY 1"))
                    .containsExactly("inc|v", "label|s");
            s.execute("DROP FUNCTION inc");
        }
        try (Session s = Session.connect(new DatabaseLocation.Directory(dir), Map.of())) {
            assertThat(state(() -> s.execute("SELECT inc(1)"))).isEqualTo(SqlState.UNDEFINED_FUNCTION);
            assertThat(query(s, "SELECT label('b')")).containsExactly("<b>");
        }
    }
}

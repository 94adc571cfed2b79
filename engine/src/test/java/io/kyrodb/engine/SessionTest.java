package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTest {
    private Session session;

    @BeforeEach
    void open() {
        session = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of());
    }

    @AfterEach
    void close() {
        session.close();
    }

    private List<String> query(String sql) {
        ExecResult.Rows rows = (ExecResult.Rows) session.execute(sql);
        List<String> out = new ArrayList<>();
        for (Object[] r; (r = rows.next()) != null; ) {
            out.add(String.join("|", Arrays.stream(r).map(v -> v == null ? "NULL" : v.toString()).toList()));
        }
        return out;
    }

    private long update(String sql) {
        return ((ExecResult.Count) session.execute(sql)).count();
    }

    private void fails(String sql, SqlState state, String messagePart) {
        assertThatThrownBy(() -> session.execute(sql)).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(state);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void statementTimeoutCancelsALongStatementAndSaysWhy() {
        session.execute("SET statement_timeout = '50ms'");
        assertThatThrownBy(() -> session.execute(
                "SELECT count(*) FROM generate_series(1, 20000) a CROSS JOIN generate_series(1, 20000) b"))
                .isInstanceOfSatisfying(KyroException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.QUERY_CANCELED);
                    assertThat(e.getMessage()).isEqualTo("canceling statement due to statement timeout");
                });
        assertThat(((ExecResult.Rows) session.execute("SELECT 1")).next()[0]).isEqualTo(1);   // the next one runs
    }

    @Test
    void createInsertSelect() {
        update("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT NOT NULL, score DOUBLE PRECISION, n SMALLINT)");
        assertThat(update("INSERT INTO t VALUES (2, 'b', 2.5, 1), (1, 'a', NULL, 2), (3, 'c', 1.0, 1)")).isEqualTo(3);
        assertThat(query("SELECT * FROM t")).containsExactly("1|a|NULL|2", "2|b|2.5|1", "3|c|1.0|1");
        assertThat(query("SELECT name, id * 10 FROM t WHERE score >= 1 ORDER BY name DESC"))
                .containsExactly("c|30", "b|20");
        assertThat(query("SELECT n, count(*), sum(id), avg(score), min(name), max(score) FROM t GROUP BY n ORDER BY n"))
                .containsExactly("1|2|5|1.75|b|2.5", "2|1|1|NULL|a|NULL");
        assertThat(query("SELECT count(*), count(score), sum(id) FROM t WHERE id > 100")).containsExactly("0|0|NULL");
        assertThat(query("SELECT id FROM t ORDER BY score NULLS FIRST LIMIT 2 OFFSET 1")).containsExactly("3", "2");
        assertThat(query("SELECT id FROM t WHERE id = 2")).containsExactly("2");
    }

    @Test
    void threeValuedLogic() {
        assertThat(query("SELECT NULL AND FALSE, NULL OR TRUE, NULL AND TRUE, NOT NULL, 1 = NULL, NULL IS NULL"))
                .containsExactly("false|true|NULL|NULL|NULL|true");
        // 7.0 is numeric, as in Postgres: its division keeps at least 16 significant digits
        assertThat(query("SELECT 7 / 2, -7 / 2, 7 % 3, 7.0 / 2, 1 + 2 * 3")).containsExactly("3|-3|1|3.5000000000000000|7");
    }

    @Test
    void updateAndDeleteAreAtomic() {
        update("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        update("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
        assertThat(update("UPDATE t SET v = v + 1 WHERE id >= 2")).isEqualTo(2);
        assertThat(update("UPDATE t SET id = id + 1")).isEqualTo(3);
        assertThat(query("SELECT id, v FROM t")).containsExactly("2|10", "3|21", "4|31");
        fails("UPDATE t SET id = 3 WHERE id = 2", SqlState.UNIQUE_VIOLATION, "Key (id)=(3) already exists");
        fails("INSERT INTO t VALUES (9, 1), (10, 1), (2, 1)", SqlState.UNIQUE_VIOLATION, "(id)=(2)");
        assertThat(query("SELECT count(*) FROM t")).containsExactly("3");
        assertThat(update("DELETE FROM t WHERE v > 20")).isEqualTo(2);
        assertThat(query("SELECT id FROM t")).containsExactly("2");
    }

    @Test
    void errorsCarrySqlStateAndCaret() {
        update("CREATE TABLE t (id INT PRIMARY KEY, name TEXT, s SMALLINT)");
        fails("SELECT nme FROM t", SqlState.UNDEFINED_COLUMN,
                "column \"nme\" does not exist (did you mean \"name\"?)\n  SELECT nme FROM t\n         ^ line 1, column 8");
        fails("SELECT * FROM tt", SqlState.UNDEFINED_TABLE, "relation \"tt\" does not exist (did you mean \"t\"?)");
        fails("SELEC 1", SqlState.SYNTAX_ERROR, "syntax error at or near \"SELEC\"");
        fails("INSERT INTO t VALUES (1, 'x', 40000)", SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "smallint out of range");
        fails("INSERT INTO t VALUES ('abc', 'x', 1)", SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type integer: \"abc\"");
        fails("INSERT INTO t VALUES (true, 'x', 1)", SqlState.DATATYPE_MISMATCH,
                "column \"id\" is of type integer but expression is of type boolean");
        fails("INSERT INTO t VALUES (NULL, 'x', 1)", SqlState.NOT_NULL_VIOLATION, "null value in column \"id\"");
        fails("SELECT name + 1 FROM t", SqlState.UNDEFINED_FUNCTION, "operator does not exist: text + integer");
        fails("SELECT 1 / 0", SqlState.DIVISION_BY_ZERO, "division by zero");
        fails("SELECT 2147483647 + 1", SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        fails("CREATE TABLE t (a INT)", SqlState.DUPLICATE_TABLE, "relation \"t\" already exists");
        fails("SELECT name, count(*) FROM t", SqlState.GROUPING_ERROR, "must appear in the GROUP BY clause");
        fails("SELECT * FROM t WHERE id", SqlState.DATATYPE_MISMATCH, "argument of WHERE must be type boolean");
    }

    @Test
    void aCachedPlanRunsItsSubqueriesAgainForEachExecution() {
        update("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        update("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
        PreparedSql below = session.prepare("SELECT id FROM t WHERE v = (SELECT max(v) FROM t WHERE id < ?)");
        for (int limit = 2; limit <= 4; limit++) {
            ExecResult.Rows rows = (ExecResult.Rows) below.execute(new Object[]{limit});
            assertThat(rows.next()).containsExactly(limit - 1);
            assertThat(rows.next()).isNull();
        }
        update("UPDATE t SET v = 5 WHERE id = 3");
        ExecResult.Rows rows = (ExecResult.Rows) below.execute(new Object[]{4});
        assertThat(rows.next()).as("a new snapshot, not the last execution's result").containsExactly(2);
    }

    @Test
    void aViewCannotTakeParametersAndAPreparedQueryOfAViewSeesItsReplacement() {
        update("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        update("INSERT INTO t VALUES (1, 10), (2, 20)");
        PreparedSql create = session.prepare("CREATE VIEW big AS SELECT id FROM t WHERE v > ?");
        assertThatThrownBy(() -> create.execute(new Object[]{15})).isInstanceOfSatisfying(KyroException.class,
                e -> assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR));
        update("CREATE VIEW big AS SELECT id FROM t WHERE v > 15");
        PreparedSql read = session.prepare("SELECT id FROM big WHERE id > ?");
        ExecResult.Rows rows = (ExecResult.Rows) read.execute(new Object[]{0});
        assertThat(rows.next()).containsExactly(2);
        assertThat(rows.next()).isNull();
        update("CREATE OR REPLACE VIEW big AS SELECT id FROM t WHERE v > 5");
        rows = (ExecResult.Rows) read.execute(new Object[]{0});
        assertThat(rows.next()).as("the plan is bound again for the new view").containsExactly(1);
        assertThat(rows.next()).containsExactly(2);
    }

    /** What Hibernate's PostgreSQL dialect writes for paging and pessimistic locks. */
    @Test
    void offsetFetchAndLockingClausesTakeParameters() {
        update("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        update("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30), (4, 40)");
        PreparedSql page = session.prepare("SELECT t1_0.id FROM t t1_0 ORDER BY t1_0.id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY");
        ExecResult.Rows rows = (ExecResult.Rows) page.execute(new Object[]{1, 2});
        assertThat(rows.next()).containsExactly(2);
        assertThat(rows.next()).containsExactly(3);
        assertThat(rows.next()).isNull();
        // parameters are numbered by where they stand, not by which clause the parser builds first
        PreparedSql filtered = session.prepare("SELECT id FROM t WHERE v > ? ORDER BY id LIMIT ?");
        rows = (ExecResult.Rows) filtered.execute(new Object[]{15, 1});
        assertThat(rows.next()).containsExactly(2);
        assertThat(rows.next()).isNull();
        PreparedSql lock = session.prepare("SELECT t1_0.v FROM t t1_0 WHERE t1_0.id = ? FOR NO KEY UPDATE OF t1_0");
        rows = (ExecResult.Rows) lock.execute(new Object[]{4});
        assertThat(rows.next()).containsExactly(40);
        assertThat(rows.next()).isNull();
    }

    @Test
    void preparedStatementsInferParameterTypesAndCachePlans() {
        update("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(3))");
        PreparedSql insert = session.prepare("INSERT INTO t VALUES (?, ?)");
        assertThat(insert.parameterCount()).isEqualTo(2);
        long[] counts = session.executeBatch(insert, List.of(new Object[]{1, "a"}, new Object[]{2L, "b"}));
        assertThat(counts).containsExactly(1, 1);
        PreparedSql lookup = session.prepare("SELECT name FROM t WHERE id = ?");
        ExecResult.Rows rows = (ExecResult.Rows) lookup.execute(new Object[]{2});
        assertThat(rows.next()).containsExactly("b");
        assertThat(rows.next()).isNull();
        assertThatThrownBy(() -> insert.execute(new Object[]{3, "abcd"}))
                .isInstanceOfSatisfying(KyroException.class,
                        e -> assertThat(e.state()).isEqualTo(SqlState.STRING_DATA_RIGHT_TRUNCATION));
        assertThatThrownBy(() -> session.executeBatch(insert, List.of(new Object[]{5, "x"}, new Object[]{1, "dup"})))
                .isInstanceOfSatisfying(BatchException.class, e -> assertThat(e.counts()).containsExactly(1));
        assertThat(query("SELECT id FROM t")).containsExactly("1", "2", "5");
    }

    @Test
    void insertWithoutColumnListFillsTheFirstColumns() {
        update("CREATE TABLE t (a INT, b TEXT, c INT)");
        update("INSERT INTO t VALUES (1, 'x')");
        assertThat(query("SELECT * FROM t")).containsExactly("1|x|NULL");
        fails("INSERT INTO t VALUES (1), (2, 'y')", SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length");
        fails("INSERT INTO t VALUES (1, 'x', 3, 4)", SqlState.SYNTAX_ERROR, "more expressions than target columns");
    }

    @Test
    void varcharLengthIsCheckedOnComputedValues() {
        update("CREATE TABLE s (id INT PRIMARY KEY, v VARCHAR(5), t TEXT)");
        update("INSERT INTO s VALUES (1, 'abcde', 'abcdef')");
        fails("UPDATE s SET v = v || '!'", SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type character varying(5)");
        fails("UPDATE s SET v = t", SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long");
        fails("INSERT INTO s VALUES (2, 'abc' || 'def', NULL)", SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long");
        assertThat(query("SELECT CAST(t AS VARCHAR(3)) FROM s")).containsExactly("abc");
    }

    @Test
    void integerLiteralsBeyondBigintAreNumeric() {
        assertThat(query("SELECT -9223372036854775809")).containsExactly("-9223372036854775809");
        fails("SELECT -9223372036854775809::bigint", SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
        assertThat(query("SELECT -9223372036854775808")).containsExactly("-9223372036854775808");
    }

    @Test
    void untypedNullsInListsAndBetweenPrecedence() {
        assertThat(query("SELECT NULL IN (NULL, 1), 2 IN (NULL, 2), 2 BETWEEN 1 AND 3 AND 5 > 4"))
                .containsExactly("NULL|true|true");
    }

    @Test
    void aRunningQueryCanBeCancelledFromAnotherThread() throws Exception {
        update("CREATE TABLE big (x INT)");
        StringBuilder values = new StringBuilder("INSERT INTO big VALUES (0)");
        for (int i = 1; i < 400; i++) {
            values.append(", (").append(i).append(')');
        }
        update(values.toString());
        // A 4-way cross product of 400 rows: 25.6 billion rows, far longer than this test waits.
        // The canceller repeats until the statement has failed: a cancel before it starts is cleared.
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread canceller = new Thread(() -> {
            while (!done.get()) {
                session.cancel();
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            }
        });
        canceller.start();
        try {
            fails("SELECT count(*) FROM big a, big b, big c, big d WHERE a.x + b.x + c.x + d.x < 0",
                    SqlState.QUERY_CANCELED, "canceling statement");
        } finally {
            done.set(true);
            canceller.join();
        }
        assertThat(query("SELECT count(*) FROM big")).containsExactly("400");
    }
}

package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The row counts INSERT ... SELECT and ON CONFLICT report, as PostgreSQL does: inserted plus updated
 * rows; rows skipped by DO NOTHING or by DO UPDATE's WHERE do not count. (sqllogictest cannot check
 * counts, so they are checked here.) UPDATE ... FROM and DELETE ... USING count each target row once.
 */
class DmlCountTest {
    private Session session;

    @BeforeEach
    void open() {
        session = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of());
        update("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT, v INTEGER)");
        update("CREATE UNIQUE INDEX t_code ON t (code)");
        update("INSERT INTO t VALUES (1, 'a', 10), (2, 'b', 20)");
    }

    @AfterEach
    void close() {
        session.close();
    }

    private long update(String sql) {
        return ((ExecResult.Count) session.execute(sql)).count();
    }

    @Test
    void insertSelectCountsTheRowsTheQueryYields() {
        assertThat(update("INSERT INTO t SELECT id + 10, code || '2', v FROM t")).isEqualTo(2);
        assertThat(update("INSERT INTO t SELECT id + 100, NULL, v FROM t WHERE v > 1000")).isZero();
    }

    @Test
    void doNothingCountsOnlyInsertedRows() {
        assertThat(update("INSERT INTO t VALUES (1, 'x', 0), (3, 'c', 0), (4, 'a', 0), (5, NULL, 0)"
                + " ON CONFLICT DO NOTHING")).isEqualTo(2);
        assertThat(update("INSERT INTO t VALUES (6, 'd', 0), (6, 'e', 0) ON CONFLICT (id) DO NOTHING")).isEqualTo(1);
    }

    @Test
    void doUpdateCountsInsertedAndUpdatedRowsButNotThoseItsWhereSkips() {
        assertThat(update("INSERT INTO t VALUES (1, 'x', 1), (2, 'y', 2), (3, 'c', 3)"
                + " ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v WHERE t.v > 15")).isEqualTo(2);
        assertThat(update("INSERT INTO t VALUES (1, 'x', 1), (2, 'y', 2)"
                + " ON CONFLICT (id) DO UPDATE SET v = t.v + 1")).isEqualTo(2);
    }

    @Test
    void updateFromAndDeleteUsingCountEachTargetRowOnce() {
        update("CREATE TABLE m (id INTEGER, w INTEGER)");
        update("INSERT INTO m VALUES (1, 1), (1, 2), (2, 3), (9, 9)");
        assertThat(update("UPDATE t SET v = m.w FROM m WHERE m.id = t.id")).isEqualTo(2);
        assertThat(update("DELETE FROM t USING m WHERE m.id = t.id AND m.w < 3")).isEqualTo(1);
    }
}

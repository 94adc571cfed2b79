package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transaction contract of ARCHITECTURE.md, checked with several sessions on one database. */
class TransactionTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private final List<Session> sessions = new ArrayList<>();
    private DatabaseLocation location;

    @BeforeEach
    void name() {
        location = new DatabaseLocation.NamedMemory("txn" + NAMES.incrementAndGet());
    }

    @AfterEach
    void closeAll() {
        sessions.forEach(Session::close);
    }

    private Session open(Map<String, String> settings) {
        Session s = Session.connect(location, settings);
        sessions.add(s);
        return s;
    }

    private Session open() {
        return open(Map.of());
    }

    static List<String> query(Session s, String sql) {
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        List<String> out = new ArrayList<>();
        for (Object[] r; (r = rows.next()) != null; ) {
            out.add(String.join("|", Arrays.stream(r).map(v -> v == null ? "NULL" : v.toString()).toList()));
        }
        return out;
    }

    private static void fails(Session s, String sql, SqlState state) {
        assertThatThrownBy(() -> s.execute(sql)).isInstanceOfSatisfying(KyroException.class,
                e -> assertThat(e.state()).as(e.getMessage()).isEqualTo(state));
    }

    @Test
    void rollbackUndoesWritesAndDdl() {
        Session a = open();
        a.execute("CREATE TABLE t (id INT PRIMARY KEY, v TEXT)");
        a.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        a.execute("BEGIN");
        a.execute("INSERT INTO t VALUES (3, 'three')");
        a.execute("UPDATE t SET v = 'uno' WHERE id = 1");
        a.execute("DELETE FROM t WHERE id = 2");
        a.execute("CREATE TABLE u (x INT)");
        a.execute("INSERT INTO u VALUES (1)");
        a.execute("DROP TABLE t");
        fails(a, "SELECT * FROM t", SqlState.UNDEFINED_TABLE);
        a.execute("ROLLBACK");
        assertThat(query(a, "SELECT id, v FROM t")).containsExactly("1|one", "2|two");
        fails(a, "SELECT * FROM u", SqlState.UNDEFINED_TABLE);
    }

    @Test
    void uncommittedWorkIsInvisibleToOthersUntilCommit() {
        Session a = open();
        Session b = open();
        a.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        a.execute("BEGIN");
        a.execute("INSERT INTO t VALUES (1)");
        a.execute("CREATE TABLE fresh (x INT)");
        assertThat(query(a, "SELECT count(*) FROM t")).containsExactly("1");
        assertThat(query(b, "SELECT count(*) FROM t")).containsExactly("0");
        fails(b, "SELECT * FROM fresh", SqlState.UNDEFINED_TABLE);
        a.execute("COMMIT");
        assertThat(query(b, "SELECT count(*) FROM t")).containsExactly("1");
        assertThat(query(b, "SELECT count(*) FROM fresh")).containsExactly("0");
    }

    @Test
    void readCommittedSeesEachStatementsLatestCommitRepeatableReadKeepsItsSnapshot() {
        Session w = open();
        Session rc = open();
        Session rr = open();
        w.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        w.execute("INSERT INTO t VALUES (1, 10)");
        rc.execute("BEGIN");
        rr.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertThat(query(rc, "SELECT v FROM t")).containsExactly("10");
        assertThat(query(rr, "SELECT v FROM t")).containsExactly("10");
        w.execute("UPDATE t SET v = 20 WHERE id = 1");
        assertThat(query(rc, "SELECT v FROM t")).containsExactly("20");
        assertThat(query(rr, "SELECT v FROM t")).containsExactly("10");
        assertThat(query(rr, "SHOW transaction_isolation")).containsExactly("repeatable read");
        rr.execute("COMMIT");
        assertThat(query(rr, "SELECT v FROM t")).containsExactly("20");
    }

    @Test
    void repeatableReadWriterLosesToAnEarlierCommitter() {
        Session a = open();
        Session b = open();
        a.execute("CREATE TABLE acct (id INT PRIMARY KEY, bal INT)");
        a.execute("INSERT INTO acct VALUES (1, 100), (2, 100)");
        a.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        b.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertThat(query(a, "SELECT sum(bal) FROM acct")).containsExactly("200");
        assertThat(query(b, "SELECT sum(bal) FROM acct")).containsExactly("200");
        a.execute("UPDATE acct SET bal = bal - 150 WHERE id = 1");   // write skew: each sees 200
        a.execute("COMMIT");
        fails(b, "UPDATE acct SET bal = bal - 150 WHERE id = 2", SqlState.SERIALIZATION_FAILURE);
        fails(b, "SELECT 1", SqlState.IN_FAILED_TRANSACTION);
        b.execute("ROLLBACK");
        assertThat(query(b, "SELECT id, bal FROM acct")).containsExactly("1|-50", "2|100");
    }

    @Test
    void secondWriterTimesOutWhileReadersCarryOn() {
        Session a = open();
        Session b = open(Map.of("lock_timeout", "100ms"));
        a.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        a.execute("BEGIN");
        a.execute("INSERT INTO t VALUES (1)");
        fails(b, "INSERT INTO t VALUES (2)", SqlState.LOCK_NOT_AVAILABLE);
        assertThat(query(b, "SELECT count(*) FROM t")).containsExactly("0");
        a.execute("COMMIT");
        b.execute("INSERT INTO t VALUES (2)");
        assertThat(query(a, "SELECT id FROM t")).containsExactly("1", "2");
        b.execute("SET lock_timeout = '2s'");
        assertThat(query(b, "SHOW lock_timeout")).containsExactly("2s");
        fails(b, "SET sync = off", SqlState.CANT_CHANGE_RUNTIME_PARAM);
        fails(b, "SET no_such_thing = 1", SqlState.UNDEFINED_OBJECT);
    }

    @Test
    void concurrentIncrementsAreNotLost() throws Exception {
        Session setup = open();
        setup.execute("CREATE TABLE c (id INT PRIMARY KEY, n BIGINT)");
        setup.execute("INSERT INTO c VALUES (1, 0)");
        int threads = 4;
        int each = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Session s = open();
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        s.execute("UPDATE c SET n = n + 1 WHERE id = 1");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(query(setup, "SELECT n FROM c")).containsExactly(String.valueOf(threads * each));
    }

    @Test
    void savepointsAndFailedTransactions() {
        Session a = open();
        a.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        a.execute("BEGIN");
        a.execute("INSERT INTO t VALUES (1)");
        a.execute("SAVEPOINT s1");
        a.execute("INSERT INTO t VALUES (2)");
        fails(a, "INSERT INTO t VALUES (2)", SqlState.UNIQUE_VIOLATION);
        fails(a, "INSERT INTO t VALUES (3)", SqlState.IN_FAILED_TRANSACTION);
        a.execute("ROLLBACK TO SAVEPOINT s1");
        a.execute("INSERT INTO t VALUES (4)");
        a.execute("RELEASE SAVEPOINT s1");
        fails(a, "ROLLBACK TO SAVEPOINT s1", SqlState.INVALID_SAVEPOINT);
        a.execute("ROLLBACK");  // leaves the failed state
        a.execute("BEGIN");
        a.execute("INSERT INTO t VALUES (1)");
        a.execute("SAVEPOINT s2");
        a.execute("INSERT INTO t VALUES (5)");
        a.execute("ROLLBACK TO s2");
        a.execute("COMMIT");
        assertThat(query(a, "SELECT id FROM t")).containsExactly("1");
        fails(a, "SAVEPOINT x", SqlState.NO_ACTIVE_TRANSACTION);
    }

    @Test
    void autocommitOffOpensATransactionThatCommitOrRollbackEnds() {
        Session a = open();
        Session b = open();
        a.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        a.setAutoCommit(false);
        a.execute("INSERT INTO t VALUES (1)");
        assertThat(a.inTransaction()).isTrue();
        assertThat(query(b, "SELECT count(*) FROM t")).containsExactly("0");
        a.commit();
        assertThat(query(b, "SELECT count(*) FROM t")).containsExactly("1");
        a.execute("INSERT INTO t VALUES (2)");
        a.rollback();
        a.execute("INSERT INTO t VALUES (3)");
        a.setAutoCommit(true);  // commits, as JDBC says
        assertThat(query(b, "SELECT id FROM t")).containsExactly("1", "3");
    }

    @Test
    void committedTransactionsSurviveReopenAndOpenOnesDoNot(@TempDir Path dir) {
        DatabaseLocation.Directory d = new DatabaseLocation.Directory(dir);
        try (Session a = Session.connect(d, Map.of())) {
            a.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            a.execute("BEGIN; INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); COMMIT");
            a.execute("BEGIN");
            a.execute("INSERT INTO t VALUES (3)");
        }
        try (Session a = Session.connect(d, Map.of())) {
            assertThat(query(a, "SELECT id FROM t")).containsExactly("1", "2");
        }
    }

    @Test
    void concurrentCommittersAllLand(@TempDir Path dir) throws Exception {
        DatabaseLocation.Directory d = new DatabaseLocation.Directory(dir);
        int threads = 8;
        int each = 50;
        try (Session setup = Session.connect(d, Map.of())) {
            setup.execute("CREATE TABLE t (id INT PRIMARY KEY, who INT)");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Session> mine = new ArrayList<>();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Session s = Session.connect(d, Map.of());
                    mine.add(s);
                    int who = t;
                    done.add(pool.submit(() -> {
                        PreparedSql insert = s.prepare("INSERT INTO t VALUES (?, ?)");
                        for (int i = 0; i < each; i++) {
                            insert.execute(new Object[]{who * each + i, who});
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
                mine.forEach(Session::close);
            }
        }
        try (Session s = Session.connect(d, Map.of())) {
            assertThat(query(s, "SELECT count(*), count(DISTINCT who) FROM t")).containsExactly(threads * each + "|" + threads);
        }
    }
}

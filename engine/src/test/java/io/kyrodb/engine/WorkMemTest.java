package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Queries past work_mem through a session: a spilling ORDER BY, GROUP BY and DISTINCT give the
 * results they give in memory, what cannot spill fails with 53200, and the session goes on.
 * On a directory database, so the spill directory ({@code tmp/}) can be inspected.
 */
class WorkMemTest {
    private static final int ROWS = 50_000;

    @TempDir
    Path dir;
    private Session session;
    private long seed;

    @BeforeEach
    void open() {
        seed = Long.getLong("kyro.seed", 0x3e3L);
        System.out.println("WorkMemTest seed=" + seed + " (rerun: ./mvnw -o -pl engine -am test -Dtest=WorkMemTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dkyro.seed=" + seed + ")");
        session = Session.connect(new DatabaseLocation.Directory(dir), Map.of("sync", "off"));
        session.execute("CREATE TABLE t (id INT PRIMARY KEY, a INT, b TEXT, c DOUBLE PRECISION)");
        Random random = new Random(seed);
        for (int start = 0; start < ROWS; start += 1000) {
            StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
            for (int id = start; id < start + 1000; id++) {
                String a = random.nextInt(10) == 0 ? "NULL" : String.valueOf(random.nextInt(100));
                String b = random.nextInt(10) == 0 ? "NULL" : "'b" + random.nextInt(5000) + "'";
                String c = random.nextInt(10) == 0 ? "NULL" : String.valueOf(random.nextInt(400) / 4.0);
                sql.append(id == start ? "" : ", ").append('(').append(id).append(", ").append(a).append(", ")
                        .append(b).append(", ").append(c).append(')');
            }
            session.execute(sql.toString());
        }
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

    private List<Path> spillFiles() throws IOException {
        Path tmp = dir.resolve("tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }

    private static final List<String> QUERIES = List.of(
            "SELECT id, a FROM t ORDER BY a",                               // ties keep scan (id) order
            "SELECT id, a FROM t ORDER BY a NULLS FIRST",
            "SELECT id, a, b FROM t ORDER BY a DESC, b",
            "SELECT id, b, c FROM t ORDER BY c DESC NULLS LAST, b NULLS FIRST",
            "SELECT b FROM t ORDER BY b DESC LIMIT 20 OFFSET 30000",
            "SELECT b, count(*), sum(a), min(c), max(id), avg(c) FROM t GROUP BY b ORDER BY b",
            "SELECT a, count(DISTINCT c), sum(DISTINCT c) FROM t GROUP BY a ORDER BY a",
            "SELECT DISTINCT b, a FROM t ORDER BY b, a",
            "SELECT DISTINCT a * 1000 + id % 7, c FROM t ORDER BY 2 DESC, 1");

    @Test
    void spillingQueriesGiveTheInMemoryResults() throws IOException {
        List<List<String>> inMemory = new ArrayList<>();
        for (String q : QUERIES) {
            inMemory.add(query(q));
        }
        assertThat(dir.resolve("tmp")).as("nothing spilled at the default work_mem").doesNotExist();

        session.execute("SET work_mem = '64kB'");
        assertThat(query("SHOW work_mem")).containsExactly("64kB");
        for (int i = 0; i < QUERIES.size(); i++) {
            assertThat(query(QUERIES.get(i))).as("%s, seed %d", QUERIES.get(i), seed).isEqualTo(inMemory.get(i));
        }
        assertThat(dir.resolve("tmp")).as("the queries spilled").exists();
        assertThat(spillFiles()).isEmpty();
    }

    @Test
    void aCrossJoinWhoseRightSideOutgrowsWorkMemSpillsIt() throws IOException {
        // A join without a condition is a nested loop: its right (inner) side spills.
        session.execute("CREATE TABLE small (k INT PRIMARY KEY)");
        session.execute("INSERT INTO small VALUES (0), (1), (2)");
        String q = "SELECT count(*), sum(x.k), min(y.b), max(y.id) FROM small x, t y";
        List<String> inMemory = query(q);
        String pairs = "SELECT x.k, y.id, y.b FROM small x, t y WHERE x.k > 0 AND y.id % 997 = 0";
        List<String> pairsInMemory = query(pairs);
        session.execute("SET work_mem = '64kB'");
        assertThat(query(q)).isEqualTo(inMemory);
        assertThat(inMemory.getFirst()).startsWith(3L * ROWS + "|");
        assertThat(query(pairs)).isEqualTo(pairsInMemory).hasSize(2 * (ROWS / 997 + 1));
        assertThat(dir.resolve("tmp")).as("the right side spilled").exists();
        assertThat(spillFiles()).isEmpty();
    }

    @Test
    void whatCannotSpillFailsWith53200AndTheSessionGoesOn() throws IOException {
        session.execute("SET work_mem = '64kB'");
        assertThatThrownBy(() -> query("SELECT array_agg(id) FROM t")).isInstanceOfSatisfying(KyroException.class,
                e -> {
                    assertThat(e.state()).isEqualTo(SqlState.OUT_OF_MEMORY);
                    assertThat(e.getMessage()).contains("exceeds work_mem (64kB); raise work_mem");
                });
        assertThat(query("SELECT count(*), count(DISTINCT a) FROM t")).containsExactly(ROWS + "|100");
        // one group's DISTINCT values past work_mem spill and are sorted, as PostgreSQL does
        assertThat(query("SELECT count(DISTINCT id) FROM t")).containsExactly(String.valueOf(ROWS));
        session.execute("RESET work_mem");
        assertThat(query("SELECT cardinality(array_agg(id)) FROM t")).containsExactly(String.valueOf(ROWS));
        assertThat(spillFiles()).isEmpty();
    }

    @Test
    void aCancelledSpillingSortLeavesNoFiles() throws Exception {
        session.execute("SET work_mem = '64kB'");
        // Cancel until the statement has failed (a cancel before it starts is cleared): the self join
        // of 50k rows takes far longer than the canceller waits between tries.
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread canceller = new Thread(() -> {
            while (!done.get()) {
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
                session.cancel();
            }
        });
        canceller.start();
        try {
            assertThatThrownBy(() -> query("SELECT x.id, y.b FROM t x, t y ORDER BY y.b, x.c"))
                    .isInstanceOfSatisfying(KyroException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.QUERY_CANCELED));
        } finally {
            done.set(true);
            canceller.join();
        }
        assertThat(spillFiles()).isEmpty();
        assertThat(query("SELECT count(*) FROM t")).containsExactly(String.valueOf(ROWS));
    }
}

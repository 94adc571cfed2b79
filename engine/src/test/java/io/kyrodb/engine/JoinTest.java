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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joins through a session: hash joins of every type past work_mem give their in-memory results
 * and leave no spill files; a long chain of tables in FROM, listed in any order, is planned along
 * its equalities (no cross product), starting from the table read by key, the tables whose key the
 * chain gives looked up by key, the others hash-joined.
 */
class JoinTest {
    private static final int ROWS = 20_000;

    @TempDir
    Path dir;
    private Session session;
    private long seed;

    @BeforeEach
    void open() {
        seed = Long.getLong("kyro.seed", 0x101L);
        System.out.println("JoinTest seed=" + seed + " (rerun: ./mvnw -o -pl engine -am test -Dtest=JoinTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dkyro.seed=" + seed + ")");
        session = Session.connect(new DatabaseLocation.Directory(dir), Map.of("sync", "off"));
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

    @Test
    void hashJoinsPastWorkMemGiveTheInMemoryResults() throws IOException {
        session.execute("CREATE TABLE t (id INT PRIMARY KEY, a INT, b TEXT)");
        Random random = new Random(seed);
        for (int start = 0; start < ROWS; start += 1000) {
            StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
            for (int id = start; id < start + 1000; id++) {
                String a = random.nextInt(10) == 0 ? "NULL" : String.valueOf(random.nextInt(ROWS));
                String b = random.nextInt(10) == 0 ? "NULL" : "'b" + random.nextInt(ROWS / 4) + "'";
                sql.append(id == start ? "" : ", ").append('(').append(id).append(", ").append(a).append(", ")
                        .append(b).append(')');
            }
            session.execute(sql.toString());
        }
        List<String> queries = List.of(
                "SELECT count(*), sum(y.id), min(x.b), max(y.b) FROM t x JOIN t y ON x.a = y.id",
                "SELECT count(*), count(x.id), count(y.id) FROM t x LEFT JOIN t y ON x.b = y.b AND x.id < y.id",
                "SELECT count(*), count(x.id), count(y.id) FROM t x RIGHT JOIN t y ON x.a = y.id AND x.b IS NULL",
                "SELECT count(*), count(x.id), count(y.id), sum(x.id + y.id) FROM t x FULL JOIN t y ON x.a = y.a",
                "SELECT x.id, y.id FROM t x LEFT JOIN t y ON x.b = y.b WHERE x.id % 500 = 0 ORDER BY 1, 2");
        List<List<String>> inMemory = new ArrayList<>();
        for (String q : queries) {
            inMemory.add(query(q));
        }
        assertThat(dir.resolve("tmp")).as("nothing spilled at the default work_mem").doesNotExist();
        session.execute("SET work_mem = '64kB'");
        for (int i = 0; i < queries.size(); i++) {
            assertThat(query(queries.get(i))).as("%s, seed %d", queries.get(i), seed).isEqualTo(inMemory.get(i));
        }
        assertThat(dir.resolve("tmp")).as("the joins spilled").exists();
        assertThat(spillFiles()).isEmpty();
    }

    @Test
    void aChainOfThirtyTablesIsJoinedAlongItsEqualities() {
        int n = 30;
        List<String> tables = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            session.execute("CREATE TABLE c" + i + " (id INT PRIMARY KEY, nxt INT)");
            StringBuilder sql = new StringBuilder("INSERT INTO c" + i + " VALUES ");
            for (int r = 0; r < 10; r++) {
                sql.append(r == 0 ? "" : ", ").append('(').append(r).append(", ").append((r + i) % 10).append(')');
            }
            session.execute(sql.toString());
            tables.add("c" + i);
            if (i > 0) {
                conditions.add("c" + (i - 1) + ".nxt = c" + i + ".id");
            }
        }
        Random random = new Random(seed);
        Collections.shuffle(tables, random);
        Collections.shuffle(conditions, random);
        conditions.add("c" + (n / 2) + ".id = 3");
        String from = " FROM " + String.join(", ", tables) + " WHERE " + String.join(" AND ", conditions);

        List<String> plan = query("EXPLAIN SELECT c0.id, c" + (n - 1) + ".id" + from);
        long hashJoins = plan.stream().filter(l -> l.contains("Hash Join")).count();
        long nestedLoops = plan.stream().filter(l -> l.contains("Nested Loop")).count();
        // a key join's Index Cond names the outer row's column (id = c14.nxt); c15's own lookup is (id = 3)
        long keyProbes = plan.stream().filter(l -> l.contains("Index Cond:") && l.contains(" = c")).count();
        assertThat(hashJoins + nestedLoops).as("%s", plan).isEqualTo(n - 1);
        assertThat(nestedLoops).as("every nested loop looks rows up by key: no cross product").isEqualTo(keyProbes);
        assertThat(keyProbes).as("the tables after c15 are looked up by their key").isEqualTo(n - 1 - n / 2);
        assertThat(plan).as("the keyed table is read by key").anyMatch(l -> l.contains("Index Scan using c15_pkey"));

        // Walk the chain by hand: from c15 = 3 backwards and forwards along nxt = (id + i) % 10.
        int[] ids = new int[n];
        ids[n / 2] = 3;
        for (int i = n / 2 + 1; i < n; i++) {
            ids[i] = (ids[i - 1] + i - 1) % 10;
        }
        for (int i = n / 2 - 1; i >= 0; i--) {
            int want = ids[i + 1];
            int found = -1;
            for (int r = 0; r < 10; r++) {
                if ((r + i) % 10 == want) {
                    found = r;
                }
            }
            ids[i] = found;
        }
        assertThat(query("SELECT c0.id, c" + (n - 1) + ".id" + from)).containsExactly(ids[0] + "|" + ids[n - 1]);
    }
}

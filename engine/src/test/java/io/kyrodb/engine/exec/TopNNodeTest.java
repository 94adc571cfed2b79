package io.kyrodb.engine.exec;

import io.kyrodb.engine.DatabaseLocation;
import io.kyrodb.engine.ExecResult;
import io.kyrodb.engine.Session;
import io.kyrodb.engine.types.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ORDER BY ... LIMIT ... OFFSET through the Top-N heap returns exactly the rows of the full
 * (stable) sort at those positions, ties and NULLs included. Seeded: rerun a failure with
 * {@code -Dkyro.test.seed=<seed>}.
 */
class TopNNodeTest {
    private static List<String> query(Session s, String sql) {
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        List<String> out = new ArrayList<>();
        for (Object[] r; (r = rows.next()) != null; ) {
            out.add(r[0] == null ? "NULL" : Values.toText(r[0]));
        }
        return out;
    }

    @Test
    void topNMatchesTheFullSortAtEveryWindow() {
        long seed = Long.getLong("kyro.test.seed", 20_261_129L);
        System.out.println("TopNNodeTest seed " + seed + " (rerun with -Dkyro.test.seed=" + seed + ")");
        Random random = new Random(seed);
        try (Session s = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of())) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, x INT, v vector(2))");
            StringBuilder insert = new StringBuilder("INSERT INTO t VALUES ");
            for (int i = 0; i < 400; i++) {
                insert.append(i == 0 ? "" : ", ").append('(').append(i).append(", ")
                        .append(random.nextInt(10) == 0 ? "NULL" : String.valueOf(random.nextInt(20))).append(", ")
                        .append(random.nextInt(15) == 0 ? "NULL" : "'[" + random.nextInt(5) + "," + random.nextInt(5) + "]'")
                        .append(')');
            }
            s.execute(insert.toString());
            String[] orders = {"x", "x DESC", "x NULLS FIRST", "v <-> '[2,2]'", "v <=> '[0,0]'", "v DESC", "x, v <+> '[1,0]'"};
            for (String order : orders) {
                List<String> all = query(s, "SELECT id FROM t ORDER BY " + order);
                assertThat(all).hasSize(400);
                for (int trial = 0; trial < 20; trial++) {
                    int limit = random.nextInt(30);
                    int offset = random.nextInt(3) == 0 ? 0 : random.nextInt(420);
                    List<String> page = query(s, "SELECT id FROM t ORDER BY " + order + " LIMIT " + limit + " OFFSET " + offset);
                    List<String> expected = all.subList(Math.min(offset, 400), Math.min(offset + limit, 400));
                    assertThat(page).as("ORDER BY %s LIMIT %d OFFSET %d, seed %d", order, limit, offset, seed)
                            .isEqualTo(expected);
                }
            }
        }
    }

    /** Kept rows past work_mem: the Top-N hands over to the external sort and still returns the same rows. */
    @Test
    void topNPastWorkMemFallsBackToTheSortWithTheSameAnswer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Random random = new Random(Long.getLong("kyro.test.seed", 7L));
        try (Session s = Session.connect(new DatabaseLocation.Directory(dir), Map.of())) {
            s.execute("SET work_mem = '64kB'");
            s.execute("CREATE TABLE w (id INT PRIMARY KEY, v vector(64))");
            for (int i = 0; i < 600; i++) {
                StringBuilder v = new StringBuilder("[");
                for (int d = 0; d < 64; d++) {
                    v.append(d == 0 ? "" : ",").append(random.nextInt(4));
                }
                s.execute("INSERT INTO w VALUES (" + i + ", '" + v + "]')");
            }
            String order = " ORDER BY v <+> '[" + "1,".repeat(63) + "1]'";
            List<String> all = query(s, "SELECT id FROM w" + order);
            List<String> top = query(s, "SELECT id, v FROM w" + order + " LIMIT 400 OFFSET 50");
            assertThat(top).isEqualTo(all.subList(50, 450));
            assertThat(dir.resolve("tmp")).as("400 rows of 64 floats do not fit in 64kB: the sort spilled").exists();
        }
    }
}

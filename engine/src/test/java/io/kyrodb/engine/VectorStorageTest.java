package io.kyrodb.engine;

import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.storage.Checker;
import io.kyrodb.engine.types.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * vector columns on disk: rows in runs (after CHECKPOINT and memtable flushes) and in the WAL
 * only, read back after reopening, and accepted by kyro check; a sort past work_mem spills them.
 */
class VectorStorageTest {
    @TempDir
    Path dir;

    private Session open() {
        return Session.connect(new DatabaseLocation.Directory(dir), Map.of("memtable_size", "16kB"));
    }

    private static List<String> query(Session s, String sql) {
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        List<String> out = new ArrayList<>();
        for (Object[] r; (r = rows.next()) != null; ) {
            List<String> parts = new ArrayList<>();
            for (Object v : r) {
                parts.add(v == null ? "NULL" : Values.toText(v));
            }
            out.add(String.join("|", parts));
        }
        return out;
    }

    private static String vector(int i) {
        return "[" + i + "," + (i * 0.5) + ",-" + (i % 7) + ",1e-3]";
    }

    @Test
    void vectorsSurviveFlushesCheckpointWalReplayAndCheck() {
        try (Session s = open()) {
            s.execute("CREATE TABLE e (id INT PRIMARY KEY, v vector(4))");
            s.execute("CREATE INDEX e_v ON e (v DESC)");
            s.execute("CREATE TABLE byvec (v vector PRIMARY KEY, n INT)");
            for (int i = 0; i < 500; i++) {
                s.execute("INSERT INTO e VALUES (" + i + ", " + (i % 50 == 0 ? "NULL" : "'" + vector(i) + "'") + ")");
                s.execute("INSERT INTO byvec VALUES ('" + vector(i) + "', " + i + ")");
            }
            s.execute("CHECKPOINT");
            s.execute("INSERT INTO e VALUES (1000, '[9,8,7,6]')");
            s.execute("UPDATE e SET v = '[1,1,1,1]' WHERE id = 7");
        }
        Checker.Report report = Checker.check(LocalFileSystem.INSTANCE, dir);
        assertThat(report.findings()).isEmpty();
        assertThat(report.runs()).isPositive();
        try (Session s = open()) {
            assertThat(query(s, "SELECT count(*) FROM e WHERE v IS NULL")).containsExactly("10");
            assertThat(query(s, "SELECT id FROM e WHERE v = '" + vector(123) + "'")).containsExactly("123");
            assertThat(query(s, "SELECT n FROM byvec WHERE v = '" + vector(321) + "'")).containsExactly("321");
            assertThat(query(s, "SELECT n FROM byvec ORDER BY v LIMIT 3")).containsExactly("0", "1", "2");
            assertThat(query(s, "SELECT v FROM e WHERE id IN (3, 7, 1000) ORDER BY id"))
                    .containsExactly("[3,1.5,-3,0.001]", "[1,1,1,1]", "[9,8,7,6]");
            // 2 and 4 are both 1.5 away: the tie goes to the smaller key
            assertThat(query(s, "SELECT id FROM e ORDER BY v <-> '[3,1.5,-3,0.001]' LIMIT 3")).containsExactly("3", "2", "4");
            List<String> all = query(s, "SELECT id, v FROM e ORDER BY v DESC, id");
            assertThat(all).hasSize(501);
            assertThat(all.get(0)).isEqualTo("0|NULL");
            assertThat(all.get(10)).isEqualTo("499|[499,249.5,-2,0.001]");
            assertThat(all.get(500)).isEqualTo("1|[1,0.5,-1,0.001]");
        }
    }

    @Test
    void aSortPastWorkMemSpillsVectorsAndReadsThemBack() {
        try (Session s = open()) {
            s.execute("SET work_mem = '64kB'");
            s.execute("CREATE TABLE wide (id INT PRIMARY KEY, v vector(100))");
            for (int i = 0; i < 300; i++) {
                String x = String.valueOf((i * 37) % 300);
                s.execute("INSERT INTO wide VALUES (" + i + ", '[" + String.join(",", java.util.Collections.nCopies(100, x))
                        + "]')");
            }
            // 300 rows of 100 floats are ~140kB of heap, past the 64kB work_mem: the sort spills
            List<String> sorted = query(s, "SELECT id, v FROM wide ORDER BY v");
            assertThat(dir.resolve("tmp")).as("the sort spilled").exists();
            List<String> expected = new ArrayList<>();
            for (int x = 0; x < 300; x++) {
                for (int i = 0; i < 300; i++) {
                    if ((i * 37) % 300 == x) {
                        expected.add(i + "|[" + String.join(",", java.util.Collections.nCopies(100, String.valueOf(x))) + "]");
                    }
                }
            }
            assertThat(sorted).isEqualTo(expected);
        }
    }
}


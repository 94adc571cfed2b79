package io.kyrodb.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileDatabaseTest {
    @TempDir
    Path dir;

    private Session open(Map<String, String> settings) {
        return Session.connect(new DatabaseLocation.Directory(dir), settings);
    }

    private static List<String> query(Session s, String sql) {
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        List<String> out = new ArrayList<>();
        for (Object[] r; (r = rows.next()) != null; ) {
            out.add(String.join("|", Arrays.stream(r).map(v -> v == null ? "NULL" : v.toString()).toList()));
        }
        return out;
    }

    @Test
    void reopenKeepsTablesRowsUpdatesAndDrops() {
        try (Session s = open(Map.of())) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, name TEXT, r REAL, b BOOLEAN, s SMALLINT, v VARCHAR(5))");
            s.execute("INSERT INTO t VALUES (1, 'one', 1.5, true, 1, 'abc'), (2, NULL, NULL, NULL, NULL, NULL)");
            s.execute("CREATE TABLE gone (x BIGINT)");
            s.execute("CREATE TABLE k (a INT, b TEXT, PRIMARY KEY (a, b))");
            s.execute("INSERT INTO k VALUES (1, 'x'), (1, 'y')");
        }
        assertThat(dir.resolve("checkpoint")).exists();
        assertThat(dir.resolve("runs").toFile().list()).as("closing flushed the rows to runs").isNotEmpty();
        try (Session s = open(Map.of())) {
            assertThat(query(s, "SELECT * FROM t")).containsExactly("1|one|1.5|true|1|abc", "2|NULL|NULL|NULL|NULL|NULL");
            s.execute("UPDATE t SET name = 'uno' WHERE id = 1");
            s.execute("DELETE FROM t WHERE id = 2");
            s.execute("DROP TABLE gone");
            s.execute("INSERT INTO k VALUES (0, 'z')");
        }
        try (Session s = open(Map.of())) {
            assertThat(query(s, "SELECT id, name FROM t")).containsExactly("1|uno");
            assertThat(query(s, "SELECT a, b FROM k")).containsExactly("0|z", "1|x", "1|y");
            assertThatThrownBy(() -> s.execute("SELECT * FROM gone"))
                    .isInstanceOfSatisfying(KyroException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_TABLE));
        }
    }

    @Test
    void tablesWithoutPrimaryKeyKeepDistinctRowsAcrossReopen() {
        try (Session s = open(Map.of())) {
            s.execute("CREATE TABLE h (x INT)");
            s.execute("INSERT INTO h VALUES (1), (1), (2)");
        }
        try (Session s = open(Map.of())) {
            s.execute("INSERT INTO h VALUES (1)");
            assertThat(query(s, "SELECT x, count(*) FROM h GROUP BY x ORDER BY x")).containsExactly("1|3", "2|1");
        }
    }

    @Test
    void connectionsShareOneEngineAndDisagreeingEngineSettingsAreRefused() {
        try (Session a = open(Map.of("sync", "on")); Session b = open(Map.of())) {
            a.execute("CREATE TABLE t (x INT)");
            b.execute("INSERT INTO t VALUES (7)");
            assertThat(query(a, "SELECT x FROM t")).containsExactly("7");
            assertThatThrownBy(() -> open(Map.of("sync", "off")))
                    .isInstanceOfSatisfying(KyroException.class, e -> {
                        assertThat(e.state()).isEqualTo(SqlState.CONNECTION_REJECTED);
                        assertThat(e.getMessage()).contains("\"sync\"");
                    });
        }
    }

    @Test
    void unknownSettingIsNamedButUserAndPasswordAreAccepted() {
        assertThatThrownBy(() -> open(Map.of("synk", "on")))
                .isInstanceOfSatisfying(KyroException.class, e -> assertThat(e.getMessage()).contains("\"synk\""));
        try (Session s = open(Map.of("user", "sa", "password", "secret"))) {
            assertThat(s.isClosed()).isFalse();
        }
    }

    @Test
    void corruptCheckpointFailsTheOpenWithFileAndOffset() throws Exception {
        try (Session s = open(Map.of())) {
            s.execute("CREATE TABLE t (x INT)");
        }
        Path snapshot = dir.resolve("checkpoint");
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(snapshot, bytes);
        assertThatThrownBy(() -> open(Map.of())).isInstanceOfSatisfying(KyroException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED);
            assertThat(e.getMessage()).contains("checkpoint").contains("checksum mismatch").contains("offset");
        });
    }

    @Test
    void syncOffStillSurvivesReopen() {
        try (Session s = open(Map.of("sync", "off"))) {
            s.execute("CREATE TABLE t (x INT)");
            s.execute("INSERT INTO t VALUES (1)");
        }
        try (Session s = open(Map.of("sync", "off"))) {
            assertThat(query(s, "SELECT x FROM t")).containsExactly("1");
        }
    }

    @Test
    void pkIndexIsChosenWhenTheDatabaseIsCreatedAndKept() {
        try (Session s = open(Map.of("pk_index", "btree"))) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (1), (2)");
            assertThat(query(s, "SHOW pk_index")).containsExactly("btree");
        }
        try (Session s = open(Map.of())) {
            assertThat(query(s, "SHOW pk_index")).containsExactly("btree");
            assertThat(query(s, "SELECT id FROM t WHERE id = 2")).containsExactly("2");
        }
        assertThatThrownBy(() -> open(Map.of("pk_index", "learned")))
                .isInstanceOfSatisfying(KyroException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.CONNECTION_REJECTED);
                    assertThat(e.getMessage()).contains("\"pk_index\" is btree").contains("chosen when it was created");
                });
        assertThatThrownBy(() -> open(Map.of("pk_index", "hash")))
                .isInstanceOfSatisfying(KyroException.class, e -> assertThat(e.getMessage()).contains("learned or btree"));
    }
}

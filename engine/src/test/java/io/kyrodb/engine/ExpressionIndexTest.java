package io.kyrodb.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Expression and partial indexes beyond what a .test can see: PostgreSQL's message texts for a
 * UNIQUE violation on an expression, and a file database whose index definitions reach a
 * checkpoint (format 8) and its runs, reopened and maintained again.
 */
class ExpressionIndexTest {
    @TempDir
    Path dir;

    @Test
    void uniqueViolationsNameTheExpressionAsPostgresDoes() {
        Session s = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of());
        try {
            s.execute("CREATE TABLE u (id int PRIMARY KEY, email text, a int, b int)");
            s.execute("CREATE UNIQUE INDEX u_email ON u (lower(email))");
            s.execute("CREATE UNIQUE INDEX u_sum ON u ((a + b))");
            s.execute("INSERT INTO u VALUES (1, 'Ann', 1, 2)");
            assertThatThrownBy(() -> s.execute("INSERT INTO u VALUES (2, 'ANN', 5, 5)"))
                    .isInstanceOfSatisfying(KyroException.class, e -> {
                        assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION);
                        assertThat(e.getMessage()).contains("duplicate key value violates unique constraint \"u_email\"")
                                .contains("Key (lower(email))=(ann) already exists.");
                    });
            assertThatThrownBy(() -> s.execute("INSERT INTO u VALUES (2, 'bob', 0, 3)"))
                    .hasMessageContaining("Key ((a + b))=(3) already exists.");
            s.execute("CREATE TABLE w (x text)");
            s.execute("INSERT INTO w VALUES ('a'), ('A')");
            assertThatThrownBy(() -> s.execute("CREATE UNIQUE INDEX w_x ON w (upper(x))"))
                    .hasMessageContaining("could not create unique index \"w_x\": Key (upper(x))=(A) is duplicated.");
        } finally {
            s.close();
        }
    }

    @Test
    void definitionsAndEntriesSurviveCheckpointsAndReopening() {
        Map<String, String> small = Map.of("memtable_size", "16kB");
        Session s = Session.connect(new DatabaseLocation.Directory(dir), small);
        try {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, email text, gone boolean)");
            s.execute("CREATE UNIQUE INDEX t_live ON t (lower(email)) WHERE NOT gone");
            for (int i = 0; i < 2000; i++) {   // past the memtable: the entries reach runs and a checkpoint
                s.execute("INSERT INTO t VALUES (" + i + ", 'User" + i + "@x', " + (i % 3 == 0) + ")");
            }
            s.execute("CHECKPOINT");
        } finally {
            s.close();
        }
        Session again = Session.connect(new DatabaseLocation.Directory(dir), small);
        try {
            assertThat(rows(again, "SELECT id FROM t WHERE lower(email) = 'user7@x' AND NOT gone")).containsExactly("[7]");
            assertThat(String.join("\n", rows(again, "EXPLAIN SELECT id FROM t WHERE lower(email) = 'user7@x' AND NOT gone")))
                    .contains("Index Scan using t_live on t");
            assertThatThrownBy(() -> again.execute("INSERT INTO t VALUES (5000, 'USER7@x', false)"))
                    .hasMessageContaining("Key (lower(email))=(user7@x) already exists.");
            again.execute("INSERT INTO t VALUES (5000, 'USER6@x', false)");   // 6 is gone: not in the index
            assertThat(rows(again, "SELECT count(*) FROM t WHERE lower(email) = 'user6@x' AND NOT gone"))
                    .containsExactly("[1]");
        } finally {
            again.close();
        }
    }

    private static List<String> rows(Session s, String sql) {
        List<String> out = new ArrayList<>();
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        for (Object[] row; (row = rows.next()) != null; ) {
            out.add(java.util.Arrays.toString(row));
        }
        return out;
    }
}

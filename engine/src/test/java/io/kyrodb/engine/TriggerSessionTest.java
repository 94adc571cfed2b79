package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Write paths a .test script cannot reach fire triggers too (COPY FROM a file), a PL/pgSQL loop
 * that never ends stops at statement_timeout, and a function in the select list of a query whose
 * rows are streamed after its statement returned still runs.
 */
class TriggerSessionTest {
    @TempDir
    Path dir;
    private Session session;

    @BeforeEach
    void open() {
        session = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of());
        update("CREATE TABLE people (id integer PRIMARY KEY, name text)");
        update("CREATE TABLE seen (id integer, op text)");
        update("""
                CREATE FUNCTION people_seen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.name = 'skip' THEN
                    RETURN NULL;
                  END IF;
                  NEW.name := upper(NEW.name);
                  INSERT INTO seen VALUES (NEW.id, TG_OP);
                  RETURN NEW;
                END
                $$""");
        update("CREATE TRIGGER people_seen BEFORE INSERT ON people FOR EACH ROW EXECUTE FUNCTION people_seen()");
    }

    @AfterEach
    void close() {
        session.close();
    }

    private long update(String sql) {
        return ((ExecResult.Count) session.execute(sql)).count();
    }

    private List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        try (ExecResult.Rows rows = (ExecResult.Rows) session.execute(sql)) {
            for (Object[] r = rows.next(); r != null; r = rows.next()) {
                List<String> fields = new ArrayList<>();
                for (Object v : r) {
                    fields.add(v == null ? "<null>" : io.kyrodb.engine.types.Values.toText(v));
                }
                out.add(String.join("|", fields));
            }
        }
        return out;
    }

    @Test
    void copyFromFiresRowTriggers() throws Exception {
        Files.writeString(dir.resolve("p.csv"), "1,ann\n2,skip\n3,bob\n");
        assertThat(update("COPY people FROM '" + dir.resolve("p.csv") + "' CSV")).isEqualTo(2);
        assertThat(rows("SELECT id, name FROM people ORDER BY id")).containsExactly("1|ANN", "3|BOB");
        assertThat(rows("SELECT id, op FROM seen ORDER BY id")).containsExactly("1|INSERT", "3|INSERT");
    }

    @Test
    void anEndlessLoopStopsAtStatementTimeout() {
        update("SET statement_timeout = 200");
        assertThatThrownBy(() -> update("DO $$ BEGIN LOOP NULL; END LOOP; END $$"))
                .isInstanceOfSatisfying(KyroException.class, e -> assertThat(e.state()).isEqualTo(SqlState.QUERY_CANCELED));
        update("RESET statement_timeout");
        assertThat(rows("SELECT 1")).containsExactly("1");
    }

    @Test
    void functionsRunForStreamedRows() {
        update("""
                CREATE FUNCTION twice(n integer) RETURNS integer LANGUAGE plpgsql AS $$
                DECLARE
                  r integer;
                BEGIN
                  SELECT n * 2 INTO r;
                  RETURN r;
                END
                $$""");
        int n = Session.STREAM_AFTER_ROWS * 3;
        List<String> out = rows("SELECT twice(g) FROM generate_series(1, " + n + ") g");
        assertThat(out).hasSize(n);
        assertThat(out.get(n - 1)).isEqualTo(String.valueOf(2 * n));
    }
}

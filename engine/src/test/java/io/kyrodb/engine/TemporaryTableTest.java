package io.kyrodb.engine;

import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's temporary tables live in its own schema {@code pg_temp_<pid>}: gone when the session
 * closes, and when the process died with the session open, gone at the next connection.
 * (Visibility, ON COMMIT and errors: tck's kyro/temp_tables.test, also run on PostgreSQL.)
 */
class TemporaryTableTest {
    @TempDir
    Path dir;

    private static List<String> temporarySchemas(Session s) {
        ExecResult.Rows r = (ExecResult.Rows) s.execute(
                "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'pg\\_temp\\_%' ORDER BY 1");
        List<String> out = new ArrayList<>();
        for (Object[] row; (row = r.next()) != null; ) {
            out.add((String) row[0]);
        }
        return out;
    }

    @Test
    void aSessionsTemporaryTablesGoWhenItCloses() {
        DatabaseLocation location = new DatabaseLocation.Directory(dir);
        try (Session keeper = Session.connect(location, Map.of())) {
            Session s = Session.connect(location, Map.of());
            s.execute("CREATE TEMP TABLE scratch (id int PRIMARY KEY, v text)");
            s.execute("INSERT INTO scratch VALUES (1, 'x')");
            assertThat(temporarySchemas(keeper)).hasSize(1);
            s.close();
            assertThat(temporarySchemas(keeper)).isEmpty();
            assertThat(((ExecResult.Rows) keeper.execute(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'scratch'")).next()[0])
                    .isEqualTo(0L);
        }
    }

    @Test
    void temporaryTablesOfACrashedProcessGoAtTheNextConnection() {
        Database db = new Database(new DatabaseLocation.Directory(dir), Settings.parse(Map.of()), LocalFileSystem.INSTANCE);
        Session s = Session.attach(db);
        s.execute("CREATE TABLE kept (id int PRIMARY KEY)");
        s.execute("INSERT INTO kept VALUES (7)");
        s.execute("CREATE TEMP TABLE scratch (id int PRIMARY KEY)");
        s.execute("INSERT INTO scratch VALUES (1)");
        assertThat(temporarySchemas(s)).hasSize(1);
        db.halt();   // the process dies with the session open: nothing drops its schema

        try (Session again = Session.connect(new DatabaseLocation.Directory(dir), Map.of())) {
            assertThat(temporarySchemas(again)).isEmpty();
            assertThat(((ExecResult.Rows) again.execute("SELECT id FROM kept")).next()[0]).isEqualTo(7);
            again.execute("CREATE TEMP TABLE scratch (other int)");   // the name is free again
            again.execute("INSERT INTO scratch VALUES (3)");
            assertThat(((ExecResult.Rows) again.execute("SELECT other FROM scratch")).next()[0]).isEqualTo(3);
        }
    }
}

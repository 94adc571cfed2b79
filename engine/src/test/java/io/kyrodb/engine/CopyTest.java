package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * COPY ... FROM 'file' / TO 'file' in PostgreSQL's text and CSV layouts: what it writes is byte for
 * byte what PostgreSQL 15 writes for the same rows, what it reads comes back unchanged (NULL versus
 * empty text, quotes, delimiters and line breaks inside fields, backslash escapes), and a bad
 * record leaves the table as it was, with an error naming its line.
 */
class CopyTest {
    @TempDir
    Path dir;
    private Session session;

    @BeforeEach
    void open() {
        session = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of());
        update("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, score NUMERIC, born DATE)");
        update("INSERT INTO people VALUES (1, 'Ann', 3.5, '2001-02-03'), (2, 'Bob, Jr.', NULL, NULL),"
                + " (3, '', 4, NULL), (4, E'multi\\nline \"q\"\\tend', 5, NULL), (5, 'back\\slash', -1, NULL)");
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

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void csvWithHeaderIsWhatPostgresWrites() throws Exception {
        assertThat(update("COPY people TO '" + file("p.csv") + "' WITH (FORMAT csv, HEADER)")).isEqualTo(5);
        assertThat(Files.readString(dir.resolve("p.csv"))).isEqualTo("""
                id,name,score,born
                1,Ann,3.5,2001-02-03
                2,"Bob, Jr.",,
                3,"",4,
                4,"multi
                line ""q""\tend",5,
                5,back\\slash,-1,
                """);
    }

    @Test
    void textLayoutEscapesWhatWouldBreakIt() throws Exception {
        update("COPY (SELECT id, name, score FROM people WHERE id >= 2 ORDER BY id) TO '" + file("p.txt") + "'");
        assertThat(Files.readString(dir.resolve("p.txt"))).isEqualTo(
                "2\tBob, Jr.\t\\N\n3\t\t4\n4\tmulti\\nline \"q\"\\tend\t5\n5\tback\\\\slash\t-1\n");
    }

    @Test
    void whatEitherLayoutWritesReadsBackUnchanged() {
        List<String> original = rows("SELECT * FROM people ORDER BY id");
        for (String options : List.of("", " CSV", " WITH (FORMAT csv, HEADER true)", " WITH (DELIMITER '|', NULL 'nil')",
                " WITH (FORMAT csv, DELIMITER ';', QUOTE '''')")) {
            String path = file("round" + options.hashCode());
            update("COPY people TO '" + path + "'" + options);
            update("CREATE TABLE copied (id INTEGER PRIMARY KEY, name TEXT, score NUMERIC, born DATE)");
            assertThat(update("COPY copied FROM '" + path + "'" + options)).as(options).isEqualTo(5);
            assertThat(rows("SELECT * FROM copied ORDER BY id")).as(options).isEqualTo(original);
            update("DROP TABLE copied");
        }
    }

    @Test
    void columnListsDefaultsAndTheEndMarker() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "10\tTen\n11\t\\N\n\\.\nignored\tafter the marker\n");
        update("CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT, note TEXT DEFAULT 'dflt')");
        assertThat(update("COPY t (id, label) FROM '" + file("in.txt") + "'")).isEqualTo(2);
        assertThat(rows("SELECT * FROM t ORDER BY id")).containsExactly("10|Ten|dflt", "11|<null>|dflt");
    }

    @Test
    void octalAndHexEscapesAreUtf8Bytes() throws Exception {
        // \303\251 and \xc3\xa9 are the two UTF-8 bytes of é, as PostgreSQL reads them; \101 is A
        Files.writeString(dir.resolve("esc.txt"), "20\tcaf\\303\\251\n21\tcaf\\xc3\\xa9 \\101\\x42\\x\n",
                StandardCharsets.UTF_8);
        update("CREATE TABLE e (id INTEGER PRIMARY KEY, label TEXT)");
        assertThat(update("COPY e FROM '" + file("esc.txt") + "'")).isEqualTo(2);
        assertThat(rows("SELECT id, label, length(label) FROM e ORDER BY id"))
                .containsExactly("20|caf\u00e9|4", "21|caf\u00e9 ABx|8");
        Files.writeString(dir.resolve("badutf.txt"), "22\tbad\\xff\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> update("COPY e FROM '" + file("badutf.txt") + "'"))
                .hasMessageContaining("invalid byte sequence for encoding \"UTF8\": 0xff")
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.CHARACTER_NOT_IN_REPERTOIRE);
        assertThat(rows("SELECT count(*) FROM e")).containsExactly("2");
    }

    @Test
    void identityColumnsTakeTheValuesGiven() throws Exception {
        Files.writeString(dir.resolve("ids.txt"), "7\tseven\n9\tnine\n");
        update("CREATE TABLE g (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text)");
        assertThat(update("COPY g FROM '" + file("ids.txt") + "'")).isEqualTo(2);   // as PostgreSQL's COPY does
        assertThat(rows("SELECT id, label FROM g ORDER BY id")).containsExactly("7|seven", "9|nine");
        assertThatThrownBy(() -> update("INSERT INTO g VALUES (8, 'eight')"))
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.GENERATED_ALWAYS);
    }

    @Test
    void aBadRecordLeavesNothingAndNamesItsLine() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "6,Eve,1,\n7,Mallory,not a number,\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> update("COPY people FROM '" + file("bad.csv") + "' CSV"))
                .isInstanceOf(KyroException.class)
                .hasMessageContaining("invalid input syntax for type numeric")
                .hasMessageContaining("line 2")
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.INVALID_TEXT_REPRESENTATION);
        Files.writeString(dir.resolve("short.csv"), "6,Eve\n");
        assertThatThrownBy(() -> update("COPY people FROM '" + file("short.csv") + "' CSV"))
                .hasMessageContaining("missing data for column \"score\"")
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.BAD_COPY_FILE_FORMAT);
        Files.writeString(dir.resolve("long.csv"), "6,Eve,1,,extra\n");
        assertThatThrownBy(() -> update("COPY people FROM '" + file("long.csv") + "' CSV"))
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.BAD_COPY_FILE_FORMAT);
        Files.writeString(dir.resolve("dup.csv"), "6,Eve,1,\n1,Again,1,\n");
        assertThatThrownBy(() -> update("COPY people FROM '" + file("dup.csv") + "' CSV"))
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.UNIQUE_VIOLATION);
        assertThat(rows("SELECT count(*) FROM people")).containsExactly("5");
    }

    @Test
    void badOptionsAndFilesAreClearErrors() {
        assertThatThrownBy(() -> update("COPY people FROM '" + file("nosuch") + "'"))
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.UNDEFINED_FILE);
        assertThatThrownBy(() -> update("COPY people TO '" + file("x") + "' WITH (FORMAT xml)"))
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE);
        assertThatThrownBy(() -> update("COPY people TO '" + file("x") + "' WITH (QUOTE '\"')"))
                .hasMessageContaining("only in CSV mode");
        assertThatThrownBy(() -> update("COPY people FROM STDIN"))   // the data comes through Session.copyIn
                .hasMessageContaining("copyIn")
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
        assertThatThrownBy(() -> update("COPY people FROM STDOUT"))
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.SYNTAX_ERROR);
        assertThatThrownBy(() -> update("COPY nosuch TO '" + file("x") + "'"))
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.UNDEFINED_TABLE);
    }

    /** A quoted \. is data, not the end marker; booleans are written t / f; CRLF lines read; many rows, in a transaction. */
    @Test
    void endMarkerBooleansCrlfAndManyRows() throws Exception {
        update("CREATE TABLE s (id INTEGER PRIMARY KEY, v TEXT, b BOOLEAN)");
        update("INSERT INTO s SELECT g, CASE WHEN g = 2 THEN '\\.' ELSE 'x' || g END, g % 2 = 0 FROM generate_series(1, 2500) g");
        update("COPY s TO '" + file("s.csv") + "' CSV");
        assertThat(Files.readAllLines(dir.resolve("s.csv")).subList(0, 3)).containsExactly("1,x1,f", "2,\"\\.\",t", "3,x3,f");
        update("CREATE TABLE s2 (id INTEGER PRIMARY KEY, v TEXT, b BOOLEAN)");
        assertThat(update("COPY s2 FROM '" + file("s.csv") + "' CSV")).isEqualTo(2500);
        assertThat(rows("SELECT count(*), count(*) FILTER (WHERE v = '\\.'), count(*) FILTER (WHERE b) FROM s2"))
                .containsExactly("2500|1|1250");
        Files.writeString(dir.resolve("crlf.csv"), "1,a,true\r\n2,,false\r\n");
        update("CREATE TABLE s3 (id INTEGER PRIMARY KEY, v TEXT, b BOOLEAN)");
        update("BEGIN");
        assertThat(update("COPY s3 FROM '" + file("crlf.csv") + "' CSV")).isEqualTo(2);
        update("ROLLBACK");
        assertThat(rows("SELECT count(*) FROM s3")).containsExactly("0");
        assertThat(update("COPY s3 FROM '" + file("crlf.csv") + "' CSV")).isEqualTo(2);
        assertThat(rows("SELECT id, v, b FROM s3 ORDER BY id")).containsExactly("1|a|true", "2|<null>|false");
    }

    @Test
    void aMaterializedViewIsNoCopyTarget() throws Exception {
        update("CREATE MATERIALIZED VIEW mv AS SELECT id FROM people");
        Files.writeString(dir.resolve("one.txt"), "9\n");
        assertThatThrownBy(() -> update("COPY mv FROM '" + file("one.txt") + "'"))
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.WRONG_OBJECT_TYPE);
        assertThat(rows("SELECT count(*) FROM mv")).containsExactly("5");
    }

    /** LOCK TABLE as JDBC sends it without autocommit (no BEGIN): the open transaction takes the lock; a failed LOCK aborts it. */
    @Test
    void lockTableWithoutAutocommitAndAFailedLockAbortsTheTransaction() {
        session.setAutoCommit(false);
        update("LOCK TABLE people IN EXCLUSIVE MODE");
        update("UPDATE people SET score = 0 WHERE id = 1");
        session.execute("COMMIT");
        assertThat(rows("SELECT score FROM people WHERE id = 1")).containsExactly("0");
        session.execute("COMMIT");
        assertThatThrownBy(() -> update("LOCK TABLE nosuch"))
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.UNDEFINED_TABLE);
        assertThatThrownBy(() -> rows("SELECT 1"))
                .extracting(e -> ((KyroException) e).state()).isEqualTo(SqlState.IN_FAILED_TRANSACTION);
        session.execute("ROLLBACK");
        session.setAutoCommit(true);
    }
}

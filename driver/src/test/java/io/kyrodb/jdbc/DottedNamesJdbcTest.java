package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * db.schema.table and db.schema.table.column with db the current database (a directory's name, a
 * named in-memory database's name) work as PostgreSQL's do; another database name is refused
 * with 0A000 (dotted_names.test covers the errors).
 */
class DottedNamesJdbcTest {
    @TempDir
    Path dir;

    private static void check(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            String db;
            try (ResultSet rs = s.executeQuery("SELECT current_database()")) {
                rs.next();
                db = rs.getString(1);
            }
            s.executeUpdate("CREATE TABLE " + db + ".public.t (a integer PRIMARY KEY, b text)");
            s.executeUpdate("INSERT INTO " + db + ".public.t VALUES (1, 'one')");
            try (ResultSet rs = s.executeQuery("SELECT " + db + ".public.t.b FROM " + db + ".public.t WHERE "
                    + db + ".public.t.a = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("one");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db + ".pg_catalog.pg_class WHERE relname = 't'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM other_" + db + ".public.t"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        }
    }

    @Test
    void aNamedInMemoryDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:dotted_names_db")) {
            check(c);
        }
    }

    @Test
    void aDirectory() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:file:" + dir.resolve("shop"))) {
            check(c);
        }
    }
}

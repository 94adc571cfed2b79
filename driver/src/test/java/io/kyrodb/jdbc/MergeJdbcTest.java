package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MERGE and data-modifying WITH queries through JDBC, as pgjdbc reports them: MERGE's update count
 * is the rows it inserted, updated and deleted (PostgreSQL's {@code MERGE 3}); a prepared MERGE runs
 * again with new parameters; a query whose WITH clause writes gives its rows, and preparing it
 * (which asks for its columns) does not run the write.
 */
class MergeJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (id integer PRIMARY KEY, n integer)");
            s.executeUpdate("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private List<String> table() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, n FROM t ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + "=" + rs.getInt(2));
            }
        }
        return out;
    }

    @Test
    void mergeReportsInsertedUpdatedAndDeletedRows() throws SQLException {
        try (Statement s = c.createStatement()) {
            int count = s.executeUpdate("MERGE INTO t USING (VALUES (1, 1), (2, 0), (4, 40), (5, NULL)) v(id, n)"
                    + " ON t.id = v.id WHEN MATCHED AND v.n = 0 THEN DELETE WHEN MATCHED THEN UPDATE SET n = t.n + v.n"
                    + " WHEN NOT MATCHED AND v.n IS NOT NULL THEN INSERT VALUES (v.id, v.n)");
            assertThat(count).isEqualTo(3);
            assertThat(s.execute("MERGE INTO t USING t AS u ON t.id = u.id WHEN MATCHED THEN DO NOTHING")).isFalse();
            assertThat(s.getUpdateCount()).isZero();
        }
        assertThat(table()).containsExactly("1=11", "3=30", "4=40");
    }

    @Test
    void preparedMergeTakesParameters() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("MERGE INTO t USING (SELECT ?::int AS id, ?::int AS n) v"
                + " ON t.id = v.id WHEN MATCHED THEN UPDATE SET n = v.n WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.n)")) {
            p.setInt(1, 2);
            p.setInt(2, 22);
            assertThat(p.executeUpdate()).isEqualTo(1);
            p.setInt(1, 9);
            p.setInt(2, 90);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
        assertThat(table()).containsExactly("1=10", "2=22", "3=30", "9=90");
    }

    @Test
    void aFailingMergeChangesNothingAndSaysWhy() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("MERGE INTO t USING (VALUES (1), (1)) v(id) ON t.id = v.id"
                    + " WHEN MATCHED THEN UPDATE SET n = 0"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("21000"))
                    .hasMessageContaining("cannot affect row a second time");
        }
        assertThat(table()).containsExactly("1=10", "2=20", "3=30");
    }

    @Test
    void aWritingWithQueryReturnsItsRowsAndPreparingItWritesNothing() throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "WITH d AS (DELETE FROM t WHERE n > ? RETURNING id) SELECT count(*) AS gone FROM d")) {
            p.getMetaData();   // tools ask for the columns before running: that must not delete
            assertThat(table()).hasSize(3);
            p.setInt(1, 15);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
        assertThat(table()).containsExactly("1=10");
    }
}

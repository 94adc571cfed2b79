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
 * Set-returning PL/pgSQL functions, OUT parameters and procedures as a JDBC application calls
 * them: with {@code ?} parameters through a PreparedStatement, run again with other values (the
 * cached plan must not keep the first call's rows), and CALL through a plain Statement.
 */
class PlpgsqlRoutinesJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        exec("CREATE TABLE docs (id integer PRIMARY KEY, title text NOT NULL, score integer)");
        exec("INSERT INTO docs VALUES (1, 'alpha', 10), (2, 'beta', 20), (3, 'gamma', 30)");
        exec("""
                CREATE FUNCTION top_docs(min_score integer) RETURNS TABLE (doc_id integer, doc_title text)
                LANGUAGE plpgsql AS $$
                BEGIN
                  RETURN QUERY SELECT d.id, d.title FROM docs d WHERE d.score >= min_score ORDER BY d.id;
                END
                $$""");
        exec("""
                CREATE FUNCTION stats(a integer, b integer, OUT total integer, OUT label text) LANGUAGE plpgsql AS $$
                BEGIN
                  total := a + b;
                  label := a || '+' || b;
                END
                $$""");
        exec("CREATE TABLE ledger (id integer, amount integer)");
        exec("""
                CREATE PROCEDURE record_amount(p_id integer, INOUT p_amount integer) LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO ledger VALUES (p_id, p_amount);
                  p_amount := p_amount * 10;
                END
                $$""");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void setReturningFunctionWithParametersRunsAgainWithOtherValues() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT doc_id, doc_title FROM top_docs(?)")) {
            p.setInt(1, 20);
            assertThat(titles(p)).containsExactly("2:beta", "3:gamma");
            p.setInt(1, 30);
            assertThat(titles(p)).containsExactly("3:gamma");
            p.setInt(1, 99);
            assertThat(titles(p)).isEmpty();
        }
    }

    @Test
    void outParametersAreNamedColumns() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM stats(?, ?)")) {
            p.setInt(1, 2);
            p.setInt(2, 3);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("total");
                assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("label");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("total")).isEqualTo(5);
                assertThat(rs.getString("label")).isEqualTo("2+3");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void callReturnsTheInoutParametersAndAFailureChangesNothing() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(s.execute("CALL record_amount(1, 7)")).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("p_amount")).isEqualTo(70);
            }
            assertThatThrownBy(() -> s.execute("SELECT record_amount(1, 2)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42809"));
            try (ResultSet rs = s.executeQuery("SELECT id, amount FROM ledger")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(2)).isEqualTo(7);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void preparedCallOfAProcedureWithoutInout() throws SQLException {
        exec("CREATE PROCEDURE add_row(p_id integer) LANGUAGE plpgsql AS $$ BEGIN INSERT INTO ledger VALUES (p_id, 0); END $$");
        try (PreparedStatement p = c.prepareStatement("CALL add_row(?)")) {
            p.setInt(1, 41);
            p.execute();
            p.setInt(1, 42);
            p.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM ledger WHERE id > 40")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    private static List<String> titles(PreparedStatement p) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getInt(1) + ":" + rs.getString(2));
            }
        }
        return out;
    }
}

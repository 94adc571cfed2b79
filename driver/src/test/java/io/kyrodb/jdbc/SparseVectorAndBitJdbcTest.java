package io.kyrodb.jdbc;

import io.kyrodb.engine.vector.SparseVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * sparsevec and bit columns through JDBC: bound as text (setString, setObject with Types.OTHER,
 * CAST(? AS sparsevec)), read with getString as pgvector's and Postgres's text forms, getObject a
 * {@link SparseVector} (dimensions, indices, values) or the bit string's text; metadata names the types.
 */
class SparseVectorAndBitJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE docs (id integer PRIMARY KEY, sv sparsevec(5), b bit(4), q bit varying)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void textParametersStoreAndReadBack() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO docs VALUES (?, ?, ?, binary_quantize(CAST(? AS vector)))")) {
            ps.setInt(1, 1);
            ps.setString(2, "{3:2.5,1:-1}/5");
            ps.setString(3, "1010");
            ps.setString(4, "[1,-1,0.5]");
            ps.executeUpdate();
            ps.setInt(1, 2);
            ps.setObject(2, "{}/5", java.sql.Types.OTHER);
            ps.setObject(3, "0001", java.sql.Types.OTHER);
            ps.setString(4, "[0,0]");
            ps.executeUpdate();
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT sv, b, q FROM docs ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnTypeName(1)).isEqualTo("sparsevec");
            assertThat(md.getColumnTypeName(2)).isEqualTo("bit");
            assertThat(md.getColumnTypeName(3)).isEqualTo("varbit");
            assertThat(md.getColumnClassName(1)).isEqualTo(SparseVector.class.getName());
            assertThat(md.getColumnClassName(2)).isEqualTo(String.class.getName());
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("{1:-1,3:2.5}/5");
            SparseVector v = (SparseVector) rs.getObject(1);
            assertThat(v.dimensions()).isEqualTo(5);
            assertThat(v.nonZero()).isEqualTo(2);
            assertThat(v.index(1)).isEqualTo(2);
            assertThat(v.value(1)).isEqualTo(2.5f);
            assertThat(rs.getString(2)).isEqualTo("1010");
            assertThat(rs.getObject(2)).isEqualTo("1010");
            assertThat(rs.getString(3)).isEqualTo("101");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("{}/5");
            assertThat(rs.getObject(3, String.class)).isEqualTo("00");
        }
    }

    @Test
    void nearestBySparseDistanceWithAParameter() throws SQLException {
        c.createStatement().executeUpdate("INSERT INTO docs (id, sv) VALUES (1, '{1:1}/5'), (2, '{2:1}/5'), (3, '{1:1,2:1}/5')");
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, sv <#> CAST(? AS sparsevec) AS d FROM docs ORDER BY sv <#> CAST(? AS sparsevec), id LIMIT 2")) {
            ps.setString(1, "{2:2}/5");
            ps.setString(2, "{2:2}/5");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.getDouble(2)).isEqualTo(-2.0);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void badValuesFailWithTheirStatesAndInsertNothing() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO docs (id, sv, b) VALUES (1, ?, ?)")) {
            ps.setString(1, "{1:1,1:2}/5");
            ps.setString(2, "1010");
            assertState(ps, "22000", "sparsevec indices must not contain duplicates");
            ps.setString(1, "{1:1}/4");
            assertState(ps, "22000", "expected 5 dimensions, not 4");
            ps.setString(1, "{1:1}/5");
            ps.setString(2, "101");
            assertState(ps, "22026", "bit string length 3 does not match type bit(4)");
            ps.setString(2, "10x1");
            assertState(ps, "22P02", "\"x\" is not a valid binary digit");
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM docs")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    private static void assertState(PreparedStatement ps, String state, String message) {
        assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class).hasMessageContaining(message)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(state);
    }
}

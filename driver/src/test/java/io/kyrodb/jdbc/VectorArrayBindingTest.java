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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How applications bind embeddings: {@code setArray(i, conn.createArrayOf("real", Float[]))},
 * {@code CAST(? AS vector)} with a string or a float[] (hibernate-vector's way), halfvec columns
 * read back as float[], and bad arrays failing with pgvector's SQLSTATEs while changing nothing.
 */
class VectorArrayBindingTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE emb (id integer PRIMARY KEY, v vector(3), h halfvec(3))");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void createArrayOfRealBindsAVectorAndAHalfvec() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO emb VALUES (?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setArray(2, c.createArrayOf("real", new Float[]{1.5f, -2f, 3.25f}));
            ps.setArray(3, c.createArrayOf("float8", new Double[]{0.1, 0.2, 0.3}));
            ps.executeUpdate();
            ps.setInt(1, 2);
            ps.setObject(2, c.createArrayOf("integer", new Integer[]{1, 2, 3}));
            ps.setObject(3, new Float[]{4f, 5f, 6f});
            ps.executeUpdate();
            ps.setInt(1, 3);
            ps.setObject(2, c.createArrayOf("float4", new Float[]{7f, 8f, 9f}), java.sql.Types.ARRAY);
            ps.setObject(3, "[1,1,1]", java.sql.Types.OTHER);
            ps.executeUpdate();
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT v, h FROM emb ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, float[].class)).containsExactly(1.5f, -2f, 3.25f);
            assertThat(rs.getString(1)).isEqualTo("[1.5,-2,3.25]");
            assertThat((float[]) rs.getObject(2)).containsExactly(Float.float16ToFloat(Float.floatToFloat16(0.1f)),
                    Float.float16ToFloat(Float.floatToFloat16(0.2f)), Float.float16ToFloat(Float.floatToFloat16(0.3f)));
            assertThat(rs.getString(2)).isEqualTo("[0.099975586,0.19995117,0.30004883]");
            assertThat(rs.getMetaData().getColumnTypeName(2)).isEqualTo("halfvec");
            assertThat(rs.getMetaData().getColumnClassName(2)).isEqualTo(float[].class.getName());
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject("v", float[].class)).containsExactly(1f, 2f, 3f);
            assertThat(rs.getObject("h", float[].class)).containsExactly(4f, 5f, 6f);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("v")).isEqualTo("[7,8,9]");
            assertThat(rs.getString("h")).isEqualTo("[1,1,1]");
        }
    }

    @Test
    void castOfAParameterAsVectorTakesTextOrFloatArray() throws SQLException {
        c.createStatement().executeUpdate("INSERT INTO emb VALUES (1, '[0,0,1]', NULL), (2, '[0,1,0]', NULL)");
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, v <=> CAST(? AS vector) AS d FROM emb ORDER BY v <=> CAST(? AS vector) LIMIT 1")) {
            ps.setString(1, "[0,1,0.1]");
            ps.setString(2, "[0,1,0.1]");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            ps.setObject(1, new float[]{0f, 0.1f, 1f});
            ps.setArray(2, c.createArrayOf("real", new Float[]{0f, 0.1f, 1f}));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void badArraysFailWithPgvectorsStatesAndInsertNothing() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO emb (id, v) VALUES (1, ?)")) {
            ps.setArray(1, c.createArrayOf("real", new Float[]{1f, null, 3f}));
            assertState(ps, "22004", "array must not contain nulls");
            ps.setArray(1, c.createArrayOf("real", new Float[]{Float.NaN, 1f, 2f}));
            assertState(ps, "22000", "NaN not allowed in vector");
            ps.setArray(1, c.createArrayOf("real", new Float[]{1f, 2f}));
            assertState(ps, "22000", "expected 3 dimensions, not 2");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO emb (id, h) VALUES (1, ?)")) {
            ps.setArray(1, c.createArrayOf("float8", new Double[]{1.0, 65520.0, 2.0}));
            assertState(ps, "22003", "\"65520\" is out of range for type halfvec");
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM emb")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    private static void assertState(PreparedStatement ps, String state, String message) {
        assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class).hasMessageContaining(message)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(state);
    }
}

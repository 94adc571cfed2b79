package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** pgvector's {@code vector} through JDBC: float[] and text parameters, getters, metadata. */
class VectorRoundTripTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE emb (id integer PRIMARY KEY, v vector(3), w vector)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void floatArrayAndTextParametersRoundTrip() throws SQLException {
        float[] mine = {1.5f, -2f, 3.25f};
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO emb VALUES (?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setObject(2, mine);
            ps.setObject(3, new float[]{1f});
            ps.executeUpdate();
            mine[0] = 99f; // the bound value was copied
            ps.setInt(1, 2);
            ps.setString(2, "[4,5,6]");
            ps.setObject(3, new float[]{2.5f}, Types.VARCHAR);
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v, w FROM emb ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat((float[]) rs.getObject(2)).containsExactly(1.5f, -2f, 3.25f);
            assertThat(rs.getObject("v", float[].class)).containsExactly(1.5f, -2f, 3.25f);
            assertThat(rs.getString(2)).isEqualTo("[1.5,-2,3.25]");
            assertThat(rs.getObject(3, String.class)).isEqualTo("[1]");
            ((float[]) rs.getObject(2))[0] = 7f; // a caller's change does not reach the next getObject
            assertThat((float[]) rs.getObject(2)).startsWith(1.5f);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("v")).isEqualTo("[4,5,6]");
            assertThat(rs.getString("w")).isEqualTo("[2.5]");
        }
    }

    @Test
    void wrongDimensionsFailWithPgvectorsMessage() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO emb (id, v) VALUES (1, ?)")) {
            ps.setObject(1, new float[]{1f, 2f, 3f, 4f});
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLDataException.class)
                    .hasMessageContaining("expected 3 dimensions, not 4")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22000"));
        }
    }

    @Test
    void distanceWithAParameterAndTopK() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO emb (id, v) VALUES (1, '[0,0,1]'), (2, '[0,1,0]'), (3, '[1,0,0]'), (4, NULL)");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, v <-> ? FROM emb ORDER BY v <-> ? LIMIT 3")) {
            ps.setObject(1, new float[]{0f, 1f, 0f});
            ps.setString(2, "[0,1,0]");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.DOUBLE);
                while (rs.next()) {
                    rows.add(rs.getInt(1) + " " + rs.getDouble(2));
                }
            }
            assertThat(rows).containsExactly("2 0.0", "1 " + Math.sqrt(2), "3 " + Math.sqrt(2));
        }
    }

    @Test
    void metadataNamesTheTypeVectorWithItsDimensions() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v, w FROM emb")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnTypeName(1)).isEqualTo("vector");
            assertThat(md.getColumnType(1)).isEqualTo(Types.OTHER);
            assertThat(md.getPrecision(1)).isEqualTo(3);
            assertThat(md.getColumnClassName(1)).isEqualTo(float[].class.getName());
        }
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, null, "emb", "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " " + rs.getString("TYPE_NAME")
                        + " " + rs.getInt("COLUMN_SIZE"));
            }
        }
        assertThat(columns).containsExactly("id " + Types.INTEGER + " int4 10", "v " + Types.OTHER + " vector 3",
                "w " + Types.OTHER + " vector 0");
    }
}

package io.kyrodb.tck.frameworks;

import io.kyrodb.jdbc.KyroConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Range columns as a booking application uses them through JDBC: ranges bound as strings
 * (setString, setObject) and as pgjdbc PGobjects (type "tsrange", value "[...)"), bounds and
 * elements bound as their own types, values read back with getString/getObject as PostgreSQL's
 * text, metadata naming the range type (JDBC OTHER, as pgjdbc reports it), a malformed or
 * reversed range a 22P02/22000 SQLException that inserts nothing, and COPY in and out.
 */
class RangeJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE booking (id int PRIMARY KEY, room text NOT NULL, during tsrange NOT NULL, seats int4range)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private void insertThree() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO booking VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "A");
            ps.setString(3, "[2024-05-01 09:00,2024-05-01 10:00)");
            ps.setString(4, "[1,5]");
            ps.executeUpdate();
            ps.setInt(1, 2);
            ps.setString(2, "A");
            ps.setObject(3, "[2024-05-01 10:00,2024-05-01 11:00)");
            ps.setObject(4, "(0,3)", Types.OTHER);
            ps.executeUpdate();
            PGobject during = new PGobject();
            during.setType("tsrange");
            during.setValue("[2024-05-01 09:30,2024-05-01 12:00)");
            ps.setInt(1, 3);
            ps.setString(2, "B");
            ps.setObject(3, during);
            ps.setNull(4, Types.OTHER);
            ps.executeUpdate();
        }
    }

    @Test
    void rangesBindAsTextAndReadBackAsPostgresText() throws SQLException {
        insertThree();
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, during, seats FROM booking ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnTypeName(2)).isEqualTo("tsrange");
            assertThat(md.getColumnTypeName(3)).isEqualTo("int4range");
            assertThat(md.getColumnType(3)).isEqualTo(Types.OTHER);
            assertThat(md.getColumnClassName(3)).isEqualTo(String.class.getName());
            while (rs.next()) {
                assertThat(rs.getObject(2)).isEqualTo(rs.getString(2));
                rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        assertThat(rows).containsExactly(
                "1 [\"2024-05-01 09:00:00\",\"2024-05-01 10:00:00\") [1,6)",
                "2 [\"2024-05-01 10:00:00\",\"2024-05-01 11:00:00\") [1,3)",
                "3 [\"2024-05-01 09:30:00\",\"2024-05-01 12:00:00\") null");
    }

    @Test
    void parametersServeRangeOperators() throws SQLException {
        insertThree();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM booking WHERE during && ?::tsrange ORDER BY id")) {
            ps.setString(1, "[2024-05-01 09:45,2024-05-01 10:15)");
            assertThat(ids(ps)).containsExactly(1, 2, 3);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM booking WHERE seats @> ?::integer ORDER BY id")) {
            ps.setInt(1, 4);
            assertThat(ids(ps)).containsExactly(1);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM booking WHERE during @> ?::timestamp ORDER BY id")) {
            ps.setTimestamp(1, java.sql.Timestamp.valueOf("2024-05-01 10:00:00"));
            assertThat(ids(ps)).containsExactly(2, 3);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT int4range(?, ?, '[]')")) {
            ps.setInt(1, 3);
            ps.setInt(2, 7);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("[3,8)");
            }
        }
    }

    @Test
    void badRangesFailWithTheirSqlStateAndInsertNothing() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO booking VALUES (?, 'A', ?, NULL)")) {
            ps.setInt(1, 1);
            ps.setString(2, "[2024-05-01 10:00,2024-05-01 09:00)");
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22000");
            ps.setString(2, "[2024-05-01 10:00");
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22P02");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM booking")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void copyCarriesRangesInAndOut() throws SQLException {
        KyroConnection kyro = c.unwrap(KyroConnection.class);
        assertThat(kyro.copyIn("COPY booking FROM STDIN WITH (FORMAT csv)", new StringReader(
                "1,A,\"[\"\"2024-05-01 09:00\"\",\"\"2024-05-01 10:00\"\")\",\"[1,5]\"\n"
                        + "2,B,\"[2024-05-02 09:00,2024-05-02 10:00)\",\n"))).isEqualTo(2);
        assertThat(kyro.copyIn("COPY booking FROM STDIN", new StringReader(
                "3\tC\t(\"2024-05-03 09:00\",)\tempty\n"))).isEqualTo(1);
        StringWriter out = new StringWriter();
        kyro.copyOut("COPY (SELECT id, during, seats FROM booking ORDER BY id) TO STDOUT", out);
        assertThat(out.toString()).isEqualTo(
                "1\t[\"2024-05-01 09:00:00\",\"2024-05-01 10:00:00\")\t[1,6)\n"
                        + "2\t[\"2024-05-02 09:00:00\",\"2024-05-02 10:00:00\")\t\\N\n"
                        + "3\t(\"2024-05-03 09:00:00\",)\tempty\n");
    }

    private static List<Integer> ids(PreparedStatement ps) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }
}

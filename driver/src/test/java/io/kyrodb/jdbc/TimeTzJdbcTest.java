package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** time with time zone through JDBC as pgjdbc maps it: OffsetTime in and out, java.sql.Time by default, TIME metadata. */
class TimeTzJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            s.execute("CREATE TABLE t (id integer PRIMARY KEY, at timetz)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void offsetTimeRoundTrips() throws SQLException {
        OffsetTime value = OffsetTime.of(10, 15, 30, 250_000_000, ZoneOffset.ofHoursMinutes(-5, -30));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setObject(2, value);
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT at, at::text FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, OffsetTime.class)).isEqualTo(value);
            assertThat(rs.getObject(1, LocalTime.class)).isEqualTo(LocalTime.of(10, 15, 30, 250_000_000));
            assertThat(rs.getString(2)).isEqualTo("10:15:30.25-05:30");
            assertThat(rs.getObject(1)).isInstanceOf(Time.class);
            assertThat(((Time) rs.getObject(1)).getTime())
                    .isEqualTo(LocalDate.EPOCH.atTime(value).toInstant().toEpochMilli());
        }
    }

    @Test
    void parameterComparesAsTimetz() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO t VALUES (1, '10:00+02'), (2, '09:00+01'), (3, '08:00+00')");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE at = ? ORDER BY id")) {
            ps.setObject(1, OffsetTime.of(9, 0, 0, 0, ZoneOffset.ofHours(1)));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.next()).isFalse();   // same instant, other offsets: not equal, as in Postgres
            }
        }
    }

    @Test
    void metadataReportsTimeWithTimeZone() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT at FROM t")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnType(1)).isEqualTo(Types.TIME);
            assertThat(md.getColumnTypeName(1)).isEqualTo("timetz");
            assertThat(md.getColumnClassName(1)).isEqualTo(Time.class.getName());
            assertThat(md.getScale(1)).isEqualTo(6);
        }
        DatabaseMetaData meta = c.getMetaData();
        boolean listed = false;
        try (ResultSet types = meta.getTypeInfo()) {
            while (types.next()) {
                if (types.getString("TYPE_NAME").equals("timetz")) {
                    listed = true;
                    assertThat(types.getInt("DATA_TYPE")).isEqualTo(Types.TIME);
                }
            }
        }
        assertThat(listed).isTrue();
        try (ResultSet cols = meta.getColumns(null, null, "t", "at")) {
            assertThat(cols.next()).isTrue();
            assertThat(cols.getString("TYPE_NAME")).isEqualTo("timetz");
            assertThat(cols.getInt("DECIMAL_DIGITS")).isEqualTo(6);
        }
    }
}

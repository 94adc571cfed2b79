package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** numeric, date, time, timestamp and timestamptz through JDBC: setters, getters, metadata, as pgjdbc maps them. */
class TemporalNumericJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            s.execute("CREATE TABLE t (id integer PRIMARY KEY, amount numeric(10,2), d date, tm time, ts timestamp, "
                    + "tz timestamptz, iv interval, free numeric)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private ResultSet row(int id) throws SQLException {
        PreparedStatement ps = c.prepareStatement("SELECT amount, d, tm, ts, tz, iv, free FROM t WHERE id = ?");
        ps.setInt(1, id);
        ResultSet rs = ps.executeQuery();
        assertThat(rs.next()).isTrue();
        return rs;
    }

    @Test
    void javaTimeAndBigDecimalRoundTripThroughSetObjectAndGetObjectWithAClass() throws SQLException {
        LocalDateTime local = LocalDateTime.of(2024, 3, 5, 14, 7, 9, 123_456_000);
        OffsetDateTime offset = OffsetDateTime.of(2024, 3, 5, 14, 7, 9, 0, ZoneOffset.ofHours(2));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setBigDecimal(2, new BigDecimal("12.345"));   // rounded to the column's scale
            ps.setObject(3, LocalDate.of(2024, 2, 29));
            ps.setObject(4, LocalTime.of(23, 59, 58, 500_000_000));
            ps.setObject(5, local);
            ps.setObject(6, offset);
            ps.setString(7, "1 day 02:00:00");
            ps.setObject(8, new BigDecimal("3.14159265358979323846"));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        try (ResultSet rs = row(1)) {
            assertThat(rs.getBigDecimal(1)).isEqualTo(new BigDecimal("12.35"));
            assertThat(rs.getObject(1, BigDecimal.class)).isEqualTo(new BigDecimal("12.35"));
            assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(rs.getObject(3, LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 58, 500_000_000));
            assertThat(rs.getObject(4, LocalDateTime.class)).isEqualTo(local);
            assertThat(rs.getObject(5, OffsetDateTime.class)).isEqualTo(offset.withOffsetSameInstant(ZoneOffset.UTC));
            assertThat(rs.getObject(5, Instant.class)).isEqualTo(offset.toInstant());
            assertThat(rs.getString(4)).isEqualTo("2024-03-05 14:07:09.123456");
            assertThat(rs.getString(5)).isEqualTo("2024-03-05 12:07:09+00");
            assertThat(rs.getString(6)).isEqualTo("1 day 02:00:00");
            assertThat(rs.getBigDecimal(7)).isEqualTo(new BigDecimal("3.14159265358979323846"));
        }
    }

    @Test
    void getObjectWithoutAClassGivesTheJdbcStandardClasses() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO t VALUES (2, 1.5, '2024-01-02', '10:11:12', '2024-01-02 03:04:05.5', "
                    + "'2024-01-02 03:04:05+00', '3 days', 1e3)");
        }
        try (ResultSet rs = row(2)) {
            assertThat(rs.getObject(1)).isEqualTo(new BigDecimal("1.50"));
            assertThat(rs.getObject(2)).isInstanceOf(Date.class).hasToString("2024-01-02");
            assertThat(rs.getObject(3)).isInstanceOf(Time.class).hasToString("10:11:12");
            assertThat(rs.getObject(4)).isEqualTo(Timestamp.valueOf("2024-01-02 03:04:05.5"));
            assertThat(rs.getObject(5)).isEqualTo(Timestamp.from(Instant.parse("2024-01-02T03:04:05Z")));
            assertThat(rs.getObject(6)).isEqualTo("3 days");
            assertThat(rs.getObject(7)).isEqualTo(new BigDecimal("1000"));
            assertThat(rs.getDate(2)).isEqualTo(Date.valueOf("2024-01-02"));
            assertThat(rs.getTime(3)).isEqualTo(Time.valueOf("10:11:12"));
            assertThat(rs.getTimestamp(4)).isEqualTo(Timestamp.valueOf("2024-01-02 03:04:05.5"));
            assertThat(rs.getTimestamp(5).toInstant()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
            assertThat(rs.getDate(4)).isEqualTo(Date.valueOf("2024-01-02"));
        }
    }

    @Test
    void javaSqlSettersUseTheDefaultZoneOrTheCalendarsZone() throws SQLException {
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        Timestamp instant = Timestamp.from(Instant.parse("2024-06-01T00:00:00Z"));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, d, tm, ts, tz) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, 3);
            ps.setDate(2, Date.valueOf("2024-06-01"));
            ps.setTime(3, Time.valueOf("08:09:10"));
            ps.setTimestamp(4, instant, tokyo);   // the wall-clock time in Tokyo
            ps.setTimestamp(5, instant);
            ps.executeUpdate();
        }
        try (ResultSet rs = row(3)) {
            assertThat(rs.getString(2)).isEqualTo("2024-06-01");
            assertThat(rs.getString(3)).isEqualTo("08:09:10");
            assertThat(rs.getString(4)).isEqualTo("2024-06-01 09:00:00");
            assertThat(rs.getTimestamp(4, tokyo).toInstant()).isEqualTo(instant.toInstant());
            assertThat(rs.getTimestamp(5).toInstant()).isEqualTo(instant.toInstant());
        }
    }

    @Test
    void setObjectWithATargetTypeAndSetNull() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, amount, d, ts, tz) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, 4);
            ps.setObject(2, "7.125", Types.NUMERIC);
            ps.setObject(3, "2024-07-08", Types.DATE);
            ps.setObject(4, LocalDateTime.of(2024, 7, 8, 9, 10), Types.TIMESTAMP);
            ps.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.executeUpdate();
            ps.setInt(1, 5);
            ps.setNull(2, Types.NUMERIC);
            ps.setNull(3, Types.DATE);
            ps.setNull(4, Types.TIMESTAMP);
            ps.setObject(5, Instant.parse("2024-01-01T00:00:00Z"));
            ps.executeUpdate();
        }
        try (ResultSet rs = row(4)) {
            assertThat(rs.getBigDecimal(1)).isEqualTo(new BigDecimal("7.13"));
            assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(2024, 7, 8));
            assertThat(rs.getObject(4, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 7, 8, 9, 10));
            assertThat(rs.getObject(5)).isNull();
            assertThat(rs.wasNull()).isTrue();
        }
        try (ResultSet rs = row(5)) {
            assertThat(rs.getBigDecimal(1)).isNull();
            assertThat(rs.getDate(2)).isNull();
            assertThat(rs.getTimestamp(4)).isNull();
            assertThat(rs.getString(5)).isEqualTo("2024-01-01 00:00:00+00");
        }
    }

    @Test
    void parametersCompareWithTheColumnsTypes() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO t (id, amount, ts) VALUES (6, 10.00, '2024-01-01 00:00'), (7, 20.50, '2024-02-01 00:00')");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE ts >= ? AND amount > ? ORDER BY id")) {
            ps.setObject(1, LocalDate.of(2024, 1, 15));
            ps.setBigDecimal(2, new BigDecimal("20.4"));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void badValuesFailWithTheirSqlState() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, amount, d) VALUES (?, ?, ?)")) {
            ps.setInt(1, 8);
            ps.setBigDecimal(2, new BigDecimal("123456789.5"));
            ps.setNull(3, Types.DATE);
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLDataException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
            ps.setBigDecimal(2, BigDecimal.ONE);
            ps.setString(3, "2024-02-30");
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLDataException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22008"));
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void metadataReportsPrecisionScaleAndClasses() throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT amount, d, tm, ts, tz, iv, free FROM t")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnType(1)).isEqualTo(Types.NUMERIC);
            assertThat(md.getPrecision(1)).isEqualTo(10);
            assertThat(md.getScale(1)).isEqualTo(2);
            assertThat(md.getColumnClassName(1)).isEqualTo(BigDecimal.class.getName());
            assertThat(md.getColumnTypeName(1)).isEqualTo("numeric");
            assertThat(md.getColumnType(2)).isEqualTo(Types.DATE);
            assertThat(md.getColumnClassName(2)).isEqualTo(Date.class.getName());
            assertThat(md.getColumnType(3)).isEqualTo(Types.TIME);
            assertThat(md.getColumnType(4)).isEqualTo(Types.TIMESTAMP);
            assertThat(md.getColumnTypeName(4)).isEqualTo("timestamp");
            assertThat(md.getScale(4)).isEqualTo(6);
            assertThat(md.getColumnType(5)).isEqualTo(Types.TIMESTAMP);
            assertThat(md.getColumnTypeName(5)).isEqualTo("timestamptz");
            assertThat(md.getColumnClassName(5)).isEqualTo(Timestamp.class.getName());
            assertThat(md.getColumnTypeName(6)).isEqualTo("interval");
            assertThat(md.getColumnDisplaySize(2)).isEqualTo(13);
        }
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet cols = meta.getColumns(null, null, "t", "amount")) {
            assertThat(cols.next()).isTrue();
            assertThat(cols.getInt("DATA_TYPE")).isEqualTo(Types.NUMERIC);
            assertThat(cols.getInt("COLUMN_SIZE")).isEqualTo(10);
            assertThat(cols.getInt("DECIMAL_DIGITS")).isEqualTo(2);
        }
        List<String> types = new ArrayList<>();
        try (ResultSet info = meta.getTypeInfo()) {
            while (info.next()) {
                types.add(info.getString("TYPE_NAME") + ":" + info.getInt("DATA_TYPE"));
            }
        }
        assertThat(types).contains("numeric:" + Types.NUMERIC, "date:" + Types.DATE, "time:" + Types.TIME,
                "timestamp:" + Types.TIMESTAMP, "timestamptz:" + Types.TIMESTAMP, "interval:" + Types.OTHER);
    }

    @Test
    void intervalTypmodsShowTheirFractionalDigitsAndTheirName() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ti (a interval day to second(3), b interval hour to minute, c interval(2))");
            s.execute("INSERT INTO ti VALUES ('1 day 02:03:04.56789', '1 day 02:03:04.5', '1.234')");
            try (ResultSet rs = s.executeQuery("SELECT a, b, c FROM ti")) {
                ResultSetMetaData md = rs.getMetaData();
                assertThat(md.getColumnTypeName(1)).isEqualTo("interval");
                assertThat(md.getScale(1)).isEqualTo(3);
                assertThat(md.getScale(2)).isEqualTo(6);
                assertThat(md.getScale(3)).isEqualTo(2);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("1 day 02:03:04.568");
                assertThat(rs.getString(2)).isEqualTo("1 day 02:03:00");
                assertThat(rs.getString(3)).isEqualTo("00:00:01.23");
            }
            try (ResultSet rs = s.executeQuery("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'ti'::regclass AND attname = 'a'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("interval day to second(3)");
            }
        }
        try (ResultSet cols = c.getMetaData().getColumns(null, null, "ti", "a")) {
            assertThat(cols.next()).isTrue();
            assertThat(cols.getInt("DECIMAL_DIGITS")).isEqualTo(3);
        }
    }

    /** A BigDecimal cannot hold NaN or an infinity: getObject and getDouble give the double, as pgjdbc. */
    @Test
    void numericNaNAndInfinityReadAsDoublesAndText() throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 'NaN'::numeric, '-inf'::numeric, 'Infinity'::numeric")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isEqualTo(Double.NaN);
            assertThat(rs.getDouble(2)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(rs.getString(3)).isEqualTo("Infinity");
            assertThatThrownBy(() -> rs.getLong(1)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> rs.getBigDecimal(1)).isInstanceOf(SQLException.class);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, free) VALUES (?, ?)")) {
            ps.setInt(1, 9);
            ps.setDouble(2, Double.POSITIVE_INFINITY);
            ps.executeUpdate();
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT free::text FROM t WHERE id = 9")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Infinity");
        }
    }
}

package io.kyrodb.jdbc;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.types.SqlType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Getters and conversions, on rows built in the test (values as the engine delivers them). */
class KyroResultSetTest {
    private static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("id", SqlType.BIGINT, false, "t", "id"),
            new ResultColumn("Name", SqlType.varchar(20), true, "t", "name"),
            new ResultColumn("qty", SqlType.INTEGER, true, "t", "qty"),
            new ResultColumn("small", SqlType.SMALLINT, true, "t", "small"),
            new ResultColumn("price", SqlType.DOUBLE, true, "t", "price"),
            new ResultColumn("ratio", SqlType.REAL, true, "t", "ratio"),
            new ResultColumn("ok", SqlType.BOOLEAN, true, "t", "ok"),
            new ResultColumn("note", SqlType.TEXT, true, "", ""));

    private static ResultSet rs(Object[]... rows) {
        return KyroResultSet.of(new ListRows(COLUMNS, List.of(rows)));
    }

    private static ResultSet one(Object[] row) throws SQLException {
        ResultSet rs = rs(row);
        assertThat(rs.next()).isTrue();
        return rs;
    }

    private static final Object[] ROW = {42L, "widget", 7, (short) 3, 2.5d, 0.1f, true, "12"};
    private static final Object[] NULLS = {1L, null, null, null, null, null, null, null};

    @Test
    void gettersByIndexReturnTheValuesInTheirJavaTypes() throws SQLException {
        ResultSet rs = one(ROW);
        assertThat(rs.getLong(1)).isEqualTo(42L);
        assertThat(rs.getString(2)).isEqualTo("widget");
        assertThat(rs.getInt(3)).isEqualTo(7);
        assertThat(rs.getShort(4)).isEqualTo((short) 3);
        assertThat(rs.getDouble(5)).isEqualTo(2.5d);
        assertThat(rs.getFloat(6)).isEqualTo(0.1f);
        assertThat(rs.getBoolean(7)).isTrue();
        assertThat(rs.getObject(1)).isEqualTo(42L);
        assertThat(rs.getObject(3)).isEqualTo(7);
        assertThat(rs.getObject(4)).isEqualTo((short) 3);
        assertThat(rs.getObject(6)).isEqualTo(0.1f);
        assertThat(rs.getObject(7)).isEqualTo(true);
        assertThat(rs.wasNull()).isFalse();
    }

    @Test
    void gettersByLabelAreCaseInsensitive() throws SQLException {
        ResultSet rs = one(ROW);
        assertThat(rs.getString("name")).isEqualTo("widget");
        assertThat(rs.getString("NAME")).isEqualTo("widget");
        assertThat(rs.getLong("ID")).isEqualTo(42L);
        assertThat(rs.findColumn("Price")).isEqualTo(5);
        assertThat(rs.getBigDecimal("price")).isEqualByComparingTo("2.5");
        assertThat(rs.getObject("ok", Boolean.class)).isTrue();
    }

    @Test
    void anUnknownLabelIs42703ListingTheColumns() throws SQLException {
        ResultSet rs = one(ROW);
        assertThatThrownBy(() -> rs.getString("nme"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("column \"nme\" is not in this result")
                .hasMessageContaining("id, Name, qty")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42703");
    }

    @Test
    void theFirstOfTwoColumnsWithTheSameLabelWins() throws SQLException {
        List<ResultColumn> cols = List.of(new ResultColumn("a", SqlType.INTEGER, true, "", ""),
                new ResultColumn("A", SqlType.INTEGER, true, "", ""));
        ResultSet rs = KyroResultSet.of(new ListRows(cols, List.<Object[]>of(new Object[] {1, 2})));
        rs.next();
        assertThat(rs.getInt("a")).isEqualTo(1);
        assertThat(rs.getInt("A")).isEqualTo(1);
    }

    @Test
    void nullsReadAsZeroFalseOrNullAndSetWasNull() throws SQLException {
        ResultSet rs = one(NULLS);
        assertThat(rs.getString(2)).isNull();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getInt(3)).isZero();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(1L);
        assertThat(rs.wasNull()).isFalse();
        assertThat(rs.getShort(4)).isZero();
        assertThat(rs.getDouble(5)).isZero();
        assertThat(rs.getFloat(6)).isZero();
        assertThat(rs.getBoolean(7)).isFalse();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getBigDecimal(5)).isNull();
        assertThat(rs.getObject(8)).isNull();
        assertThat(rs.getObject(3, Integer.class)).isNull();
        assertThat(rs.getCharacterStream(2)).isNull();
    }

    @Test
    void numbersReadAsTextAreTheirText() throws SQLException {
        ResultSet rs = one(ROW);
        assertThat(rs.getString(1)).isEqualTo("42");
        assertThat(rs.getString(4)).isEqualTo("3");
        assertThat(rs.getString(5)).isEqualTo("2.5");
        assertThat(rs.getString(6)).isEqualTo("0.1");
        assertThat(rs.getString(7)).isEqualTo("true");
        assertThat(rs.getObject(1, String.class)).isEqualTo("42");
    }

    @Test
    void textHoldingANumberConvertsToIt() throws SQLException {
        ResultSet rs = one(ROW);
        assertThat(rs.getInt(8)).isEqualTo(12);
        assertThat(rs.getLong("note")).isEqualTo(12L);
        assertThat(rs.getShort(8)).isEqualTo((short) 12);
        assertThat(rs.getByte(8)).isEqualTo((byte) 12);
        assertThat(rs.getDouble(8)).isEqualTo(12.0);
        assertThat(rs.getBigDecimal(8)).isEqualTo(new BigDecimal("12"));
        assertThat(rs.getObject(8, Long.class)).isEqualTo(12L);
    }

    @Test
    void textThatIsNotANumberIs22P02() throws SQLException {
        ResultSet rs = one(ROW);
        assertThatThrownBy(() -> rs.getInt(2))
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining("invalid input syntax for type integer: \"widget\"")
                .hasMessageContaining("column 2, \"Name\"")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22P02");
        assertThatThrownBy(() -> rs.getDouble(2)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22P02");
        assertThatThrownBy(() -> rs.getBigDecimal(2)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22P02");
        assertThatThrownBy(() -> rs.getBoolean(2)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22P02");
    }

    @Test
    void javaNumberSyntaxIsNotAcceptedInText() throws SQLException {
        for (String text : List.of("12d", "0x10", "1f", "1_000")) {
            ResultSet rs = one(new Object[] {1L, null, null, null, null, null, null, text});
            assertThatThrownBy(() -> rs.getDouble(8)).as(text).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22P02");
        }
    }

    @Test
    void narrowingOutOfRangeIs22003() throws SQLException {
        ResultSet rs = one(new Object[] {Long.MAX_VALUE, "99999999999", 70000, (short) 300, 1e300, 3.4e38f, true, "NaN"});
        assertThatThrownBy(() -> rs.getInt(1))
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining("value 9223372036854775807 is out of range for type integer")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> rs.getInt(2)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> rs.getShort(3)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> rs.getByte(4)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> rs.getLong(5)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> rs.getFloat(5)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> rs.getLong(8)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22P02");
        assertThat(rs.getLong(2)).isEqualTo(99999999999L);
        assertThat(rs.getFloat(6)).isEqualTo(3.4e38f);
        assertThat(rs.getDouble(8)).isNaN();
    }

    @Test
    void hugeTextNumbersFailWithoutExpandingThem() throws SQLException {
        ResultSet rs = one(new Object[] {1L, "1e999999999", null, null, null, null, null, "-1e400"});
        assertThatThrownBy(() -> rs.getLong(2)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> rs.getDouble(8)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
    }

    @Test
    void fractionsAreTruncatedTowardZeroForIntegerGetters() throws SQLException {
        ResultSet rs = one(new Object[] {1L, "-7.9", null, null, 2.99d, -0.5f, null, "12.5"});
        assertThat(rs.getInt(2)).isEqualTo(-7);
        assertThat(rs.getLong(5)).isEqualTo(2L);
        assertThat(rs.getInt(6)).isZero();
        assertThat(rs.getInt(8)).isEqualTo(12);
    }

    @Test
    void booleansConvertToAndFromNumbersAndText() throws SQLException {
        ResultSet rs = one(new Object[] {1L, "yes", 0, (short) 1, 2.0d, null, false, " off "});
        assertThat(rs.getBoolean(1)).isTrue();
        assertThat(rs.getBoolean(2)).isTrue();
        assertThat(rs.getBoolean(3)).isFalse();
        assertThat(rs.getBoolean(4)).isTrue();
        assertThat(rs.getBoolean(8)).isFalse();
        assertThat(rs.getInt(7)).isZero();
        assertThat(rs.getBigDecimal(7)).isEqualTo(BigDecimal.ZERO);
        assertThatThrownBy(() -> rs.getBoolean(5)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22P02");
    }

    @Test
    void bigDecimalOfAFloatUsesItsShortestText() throws SQLException {
        ResultSet rs = one(ROW);
        assertThat(rs.getBigDecimal(6)).isEqualTo(new BigDecimal("0.1"));
        assertThat(rs.getBigDecimal(1)).isEqualTo(new BigDecimal(42));
        assertThat(rs.getObject(5, BigInteger.class)).isEqualTo(BigInteger.TWO);
    }

    @Test
    void getObjectWithAnUnsupportedClassIs07006() throws SQLException {
        ResultSet rs = one(ROW);
        assertThatThrownBy(() -> rs.getObject(1, java.time.LocalDate.class))
                .hasMessageContaining("cannot convert a Long value (42) to java.time.LocalDate")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07006");
        assertThat(rs.getObject(1, Number.class)).isEqualTo(42L);
        assertThat(rs.getObject(1, Object.class)).isEqualTo(42L);
        assertThat(rs.getObject(3, long.class)).isEqualTo(7L);
    }

    @Test
    void cursorMovesForwardAndReportsItsPosition() throws SQLException {
        ResultSet rs = rs(ROW, NULLS);
        assertThat(rs.isBeforeFirst()).isTrue();
        assertThat(rs.getRow()).isZero();
        assertThat(rs.next()).isTrue();
        assertThat(rs.isFirst()).isTrue();
        assertThat(rs.isLast()).isFalse();
        assertThat(rs.getRow()).isEqualTo(1);
        assertThat(rs.getLong(1)).isEqualTo(42L);
        assertThat(rs.next()).isTrue();
        assertThat(rs.isLast()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(1L);
        assertThat(rs.next()).isFalse();
        assertThat(rs.isAfterLast()).isTrue();
        assertThat(rs.next()).isFalse();
        assertThat(rs.getRow()).isZero();
    }

    @Test
    void anEmptyResultIsNeitherBeforeFirstNorAfterLast() throws SQLException {
        ResultSet rs = rs();
        assertThat(rs.isBeforeFirst()).isFalse();
        assertThat(rs.next()).isFalse();
        assertThat(rs.isAfterLast()).isFalse();
    }

    @Test
    void readingWithoutACurrentRowIs24000() throws SQLException {
        ResultSet rs = rs(ROW);
        assertThatThrownBy(() -> rs.getInt(1)).hasMessageContaining("call next()")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("24000");
        rs.next();
        rs.next();
        assertThatThrownBy(() -> rs.getInt(1)).hasMessageContaining("after the last row");
    }

    @Test
    void aColumnIndexOutOfRangeIs07009() throws SQLException {
        ResultSet rs = one(ROW);
        assertThatThrownBy(() -> rs.getInt(0)).hasMessageContaining("column index 0 is out of range (the result has 8 columns)")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07009");
        assertThatThrownBy(() -> rs.getInt(9)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07009");
    }

    @Test
    void aClosedResultSetRefusesEverything() throws SQLException {
        ResultSet rs = one(ROW);
        rs.close();
        rs.close();
        assertThat(rs.isClosed()).isTrue();
        assertThatThrownBy(rs::next).hasMessageContaining("closed").extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("24000");
        assertThatThrownBy(() -> rs.getInt(1)).hasMessageContaining("closed");
    }

    @Test
    void maxRowsStopsTheCursor() throws SQLException {
        ResultSet rs = new KyroResultSet(null, new Object(), new ListRows(COLUMNS, List.of(ROW, NULLS, ROW)), 2);
        List<Long> ids = new ArrayList<>();
        while (rs.next()) {
            ids.add(rs.getLong(1));
        }
        assertThat(ids).containsExactly(42L, 1L);
    }

    @Test
    void itIsForwardOnlyAndReadOnly() throws SQLException {
        ResultSet rs = one(ROW);
        assertThat(rs.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
        assertThat(rs.getConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
        assertThatThrownBy(rs::previous).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("24000");
        assertThatThrownBy(() -> rs.absolute(1)).hasMessageContaining("TYPE_FORWARD_ONLY");
        assertThatThrownBy(() -> rs.updateInt(1, 5)).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> rs.getDate(1)).hasMessageContaining("cannot convert a Long value (42) to date");
        assertThatThrownBy(() -> rs.setFetchDirection(ResultSet.FETCH_REVERSE)).isInstanceOf(SQLException.class);
        rs.setFetchSize(100);
        assertThat(rs.getFetchSize()).isEqualTo(100);
    }

    @Test
    void metaDataDescribesTheColumns() throws SQLException {
        ResultSetMetaData md = rs().getMetaData();
        assertThat(md.getColumnCount()).isEqualTo(8);
        assertThat(md.getColumnLabel(2)).isEqualTo("Name");
        assertThat(md.getColumnName(2)).isEqualTo("name");
        assertThat(md.getColumnName(8)).isEqualTo("note");
        assertThat(md.getTableName(1)).isEqualTo("t");
        assertThat(md.getTableName(8)).isEmpty();
        assertThat(md.getSchemaName(1)).isEqualTo("public");
        assertThat(md.getSchemaName(8)).isEmpty();
        assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
        assertThat(md.getColumnType(2)).isEqualTo(Types.VARCHAR);
        assertThat(md.getColumnType(5)).isEqualTo(Types.DOUBLE);
        assertThat(md.getColumnType(6)).isEqualTo(Types.REAL);
        assertThat(md.getColumnType(7)).isEqualTo(Types.BOOLEAN);
        assertThat(List.of(md.getColumnTypeName(1), md.getColumnTypeName(2), md.getColumnTypeName(3), md.getColumnTypeName(4),
                md.getColumnTypeName(5), md.getColumnTypeName(6), md.getColumnTypeName(7), md.getColumnTypeName(8)))
                .containsExactly("int8", "varchar", "int4", "int2", "float8", "float4", "bool", "text");
        assertThat(md.getColumnClassName(1)).isEqualTo("java.lang.Long");
        assertThat(md.getColumnClassName(4)).isEqualTo("java.lang.Short");
        assertThat(md.getColumnClassName(2)).isEqualTo("java.lang.String");
        assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
        assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);
        assertThat(md.getPrecision(1)).isEqualTo(19);
        assertThat(md.getPrecision(2)).isEqualTo(20);
        assertThat(md.getScale(5)).isZero();
        assertThat(md.getColumnDisplaySize(1)).isEqualTo(20);
        assertThat(md.getColumnDisplaySize(2)).isEqualTo(20);
        assertThat(md.isSigned(1)).isTrue();
        assertThat(md.isSigned(2)).isFalse();
        assertThat(md.isCaseSensitive(2)).isTrue();
        assertThat(md.isAutoIncrement(1)).isFalse();
        assertThat(md.isReadOnly(8)).isTrue();
        assertThat(md.isReadOnly(1)).isFalse();
        assertThatThrownBy(() -> md.getColumnType(9)).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07009");
    }
}

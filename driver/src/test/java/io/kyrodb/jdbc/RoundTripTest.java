package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQL through the driver and back: parameters, getters, metadata, update counts, batches, errors. */
class RoundTripTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("CREATE TABLE items (id bigint PRIMARY KEY, name varchar(20) NOT NULL, "
                    + "qty integer, small smallint, price double precision, ratio real, ok boolean, note text)")).isZero();
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private void insertTwoRows() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(8);
            ps.setLong(1, 1);
            ps.setString(2, "widget");
            ps.setInt(3, 7);
            ps.setShort(4, (short) 3);
            ps.setDouble(5, 2.5);
            ps.setFloat(6, 0.25f);
            ps.setBoolean(7, true);
            ps.setString(8, "12");
            assertThat(ps.executeUpdate()).isEqualTo(1);

            ps.setObject(1, 2);
            ps.setObject(2, "gadget");
            ps.setNull(3, Types.INTEGER);
            ps.setObject(4, null);
            ps.setBigDecimal(5, new BigDecimal("10.75"));
            ps.setNull(6, Types.REAL);
            ps.setObject(7, false);
            ps.setNull(8, Types.VARCHAR);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void valuesComeBackThroughEveryGetter() throws SQLException {
        insertTwoRows();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM items ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("id")).isEqualTo(1);
            assertThat(rs.getString("name")).isEqualTo("widget");
            assertThat(rs.getInt("qty")).isEqualTo(7);
            assertThat(rs.getShort("small")).isEqualTo((short) 3);
            assertThat(rs.getByte("small")).isEqualTo((byte) 3);
            assertThat(rs.getDouble("price")).isEqualTo(2.5);
            assertThat(rs.getFloat("ratio")).isEqualTo(0.25f);
            assertThat(rs.getBoolean("ok")).isTrue();
            assertThat(rs.getString("note")).isEqualTo("12");
            assertThat(rs.getInt("note")).isEqualTo(12);
            assertThat(rs.getBigDecimal("price")).isEqualByComparingTo("2.5");
            assertThat(rs.getString("qty")).isEqualTo("7");
            assertThat(List.of(rs.getObject(1), rs.getObject(2), rs.getObject(3), rs.getObject(4), rs.getObject(5),
                    rs.getObject(6), rs.getObject(7), rs.getObject(8)))
                    .containsExactly(1L, "widget", 7, (short) 3, 2.5d, 0.25f, true, "12");
            assertThat(rs.getObject("qty", Long.class)).isEqualTo(7L);

            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2);
            assertThat(rs.getInt(3)).isZero();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getObject(4)).isNull();
            assertThat(rs.getDouble(5)).isEqualTo(10.75);
            assertThat(rs.getObject(6)).isNull();
            assertThat(rs.getBoolean(7)).isFalse();
            assertThat(rs.wasNull()).isFalse();
            assertThat(rs.getString(8)).isNull();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void resultSetMetaDataDescribesTheColumns() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name AS label, qty * 2 AS twice, ok FROM items")) {
            ResultSetMetaData before = ps.getMetaData();
            assertThat(before.getColumnCount()).isEqualTo(4);
            ResultSetMetaData md = ps.executeQuery().getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(4);
            assertThat(md.getColumnLabel(1)).isEqualTo("id");
            assertThat(md.getColumnLabel(2)).isEqualTo("label");
            assertThat(md.getColumnName(2)).isEqualTo("name");
            assertThat(md.getTableName(1)).isEqualTo("items");
            assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(md.getColumnTypeName(1)).isEqualTo("int8");
            assertThat(md.getColumnType(2)).isEqualTo(Types.VARCHAR);
            assertThat(md.getColumnTypeName(2)).isEqualTo("varchar");
            assertThat(md.getPrecision(2)).isEqualTo(20);
            assertThat(md.getColumnType(3)).isEqualTo(Types.INTEGER);
            assertThat(md.getColumnType(4)).isEqualTo(Types.BOOLEAN);
            assertThat(md.getColumnClassName(1)).isEqualTo(Long.class.getName());
            assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(md.isNullable(4)).isEqualTo(ResultSetMetaData.columnNullable);
            assertThat(before.getColumnLabel(3)).isEqualTo("twice");
        }
    }

    @Test
    void updateCountsAreReported() throws SQLException {
        insertTwoRows();
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE items SET qty = 1")).isEqualTo(2);
            assertThat(s.execute("DELETE FROM items WHERE id = 2")).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(1);
            assertThat(s.getResultSet()).isNull();
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            assertThat(s.executeLargeUpdate("DELETE FROM items WHERE id = 99")).isZero();
            assertThat(s.execute("SELECT id FROM items")).isTrue();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            assertThat(s.getResultSet().next()).isTrue();
        }
    }

    @Test
    void executeQueryAndExecuteUpdateCheckTheKindOfStatement() throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, name) VALUES (5, 'x')");
             PreparedStatement select = c.prepareStatement("SELECT id FROM items")) {
            assertThatThrownBy(insert::executeQuery).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("07005"));
            assertThatThrownBy(select::executeUpdate).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("07003"));
            ResultSet rs = select.executeQuery();
            assertThat(rs.next()).as("the refused executeQuery did not insert").isFalse();
            assertThatThrownBy(() -> insert.executeQuery("SELECT 1")).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42809"));
        }
    }

    @Test
    void aBatchReportsEveryCount() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (id, name, qty) VALUES (?, ?, ?)")) {
            for (int i = 1; i <= 4; i++) {
                ps.setLong(1, i);
                ps.setString(2, "item " + i);
                ps.setInt(3, i * 10);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).containsExactly(1, 1, 1, 1);
            assertThat(ps.executeBatch()).isEmpty();
        }
        try (Statement s = c.createStatement()) {
            s.addBatch("UPDATE items SET qty = 0 WHERE id <= 2");
            s.addBatch("DELETE FROM items WHERE id = 4");
            s.addBatch("INSERT INTO items (id, name) VALUES (9, 'nine'), (10, 'ten')");
            assertThat(s.executeLargeBatch()).containsExactly(2L, 1L, 2L);
        }
    }

    @Test
    void aFailingBatchThrowsBatchUpdateExceptionWithTheCountsOfWhatRan() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (id, name) VALUES (?, ?)")) {
            long[] ids = {1, 2, 1, 3};
            for (long id : ids) {
                ps.setLong(1, id);
                ps.setString(2, "n" + id);
                ps.addBatch();
            }
            BatchUpdateException e = catchBatch(ps);
            assertThat(e.getSQLState()).isEqualTo("23505");
            assertThat(e.getUpdateCounts()).containsExactly(1, 1);
            assertThat(e.getLargeUpdateCounts()).containsExactly(1L, 1L);
            assertThat(e.getCause()).isInstanceOf(SQLIntegrityConstraintViolationException.class);
        }
        assertThat(ids()).containsExactly(1L, 2L);

        try (Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO items (id, name) VALUES (7, 'seven')");
            s.addBatch("INSERT INTO nowhere VALUES (1)");
            s.addBatch("INSERT INTO items (id, name) VALUES (8, 'eight')");
            BatchUpdateException e = catchBatch(s);
            assertThat(e.getSQLState()).isEqualTo("42P01");
            assertThat(e.getUpdateCounts()).containsExactly(1);
        }
        assertThat(ids()).containsExactly(1L, 2L, 7L);
    }

    private static BatchUpdateException catchBatch(Statement s) {
        try {
            s.executeBatch();
        } catch (BatchUpdateException e) {
            return e;
        } catch (SQLException e) {
            throw new AssertionError("expected a BatchUpdateException", e);
        }
        throw new AssertionError("the batch did not fail");
    }

    private List<Long> ids() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM items ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    @Test
    void maxRowsLimitsTheResult() throws SQLException {
        insertTwoRows();
        try (Statement s = c.createStatement()) {
            s.setMaxRows(1);
            s.setFetchSize(50);
            ResultSet rs = s.executeQuery("SELECT id FROM items ORDER BY id");
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void engineErrorsKeepTheirSqlStateAndCaret() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELEC id FROM items"))
                    .isInstanceOf(SQLSyntaxErrorException.class)
                    .hasMessageContaining("^")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"));
            assertThatThrownBy(() -> s.executeQuery("SELECT nme FROM items"))
                    .isInstanceOf(SQLSyntaxErrorException.class)
                    .hasMessageContaining("nme")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42703"));
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO items (id) VALUES (1)"))
                    .isInstanceOf(SQLIntegrityConstraintViolationException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23502"));
        }
    }

    @Test
    void badParameterValuesAreDataErrors() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (id, name) VALUES (?, ?)")) {
            ps.setString(1, "not a number");
            ps.setString(2, "x");
            assertThatThrownBy(ps::executeUpdate)
                    .isInstanceOf(SQLDataException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"));
            ps.clearParameters();
            ps.setLong(1, 1);
            assertThatThrownBy(ps::executeUpdate)
                    .hasMessageContaining("no value given for parameter 2")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("07001"));
            assertThatThrownBy(() -> ps.setLong(3, 1)).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("07009"));
        }
    }

    @Test
    void aPreparedQueryRunsAgainWithNewParameters() throws SQLException {
        insertTwoRows();
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM items WHERE id = ?")) {
            for (long id : new long[] {2, 1}) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(id == 1 ? "widget" : "gadget");
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }
}

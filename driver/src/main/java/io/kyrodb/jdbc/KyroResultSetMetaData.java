package io.kyrodb.jdbc;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.types.SqlType;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * The columns of a result, as the engine described them. A column that is a plain column reference
 * names its table and column (schema {@code public}); an expression has empty names there and is
 * read-only. Type names follow {@link JdbcTypes}.
 */
public final class KyroResultSetMetaData implements ResultSetMetaData {
    private final List<ResultColumn> columns;

    KyroResultSetMetaData(List<ResultColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    private ResultColumn column(int column) throws SQLException {
        if (column < 1 || column > columns.size()) {
            throw SqlExceptions.create(SqlExceptions.INVALID_INDEX, "column index " + column
                    + " is out of range (the result has " + columns.size() + " columns)");
        }
        return columns.get(column - 1);
    }

    private SqlType type(int column) throws SQLException {
        return column(column).type();
    }

    private boolean fromTable(int column) throws SQLException {
        return !column(column).tableName().isEmpty();
    }

    @Override public int getColumnCount() { return columns.size(); }
    @Override public String getColumnLabel(int column) throws SQLException { return column(column).label(); }

    @Override
    public String getColumnName(int column) throws SQLException {
        ResultColumn c = column(column);
        return c.columnName().isEmpty() ? c.label() : c.columnName();
    }

    @Override public String getTableName(int column) throws SQLException {
        String table = column(column).tableName();
        return table == null || table.isEmpty() ? table : io.kyrodb.engine.catalog.SchemaNames.localOf(table);
    }
    @Override public String getSchemaName(int column) throws SQLException {
        return fromTable(column) ? io.kyrodb.engine.catalog.SchemaNames.schemaOf(column(column).tableName()) : "";
    }
    @Override public String getCatalogName(int column) throws SQLException { column(column); return ""; }
    @Override public int getColumnType(int column) throws SQLException { return JdbcTypes.jdbcType(type(column)); }
    @Override public String getColumnTypeName(int column) throws SQLException { return JdbcTypes.typeName(type(column)); }
    @Override public String getColumnClassName(int column) throws SQLException { return JdbcTypes.className(type(column).kind()); }
    @Override public int getPrecision(int column) throws SQLException { return JdbcTypes.precision(type(column)); }
    @Override public int getScale(int column) throws SQLException { return JdbcTypes.scale(type(column)); }
    @Override public int getColumnDisplaySize(int column) throws SQLException { return JdbcTypes.displaySize(type(column)); }
    @Override public boolean isSigned(int column) throws SQLException { return JdbcTypes.isSigned(type(column).kind()); }
    @Override public boolean isCaseSensitive(int column) throws SQLException { return JdbcTypes.isCaseSensitive(type(column).kind()); }

    @Override
    public int isNullable(int column) throws SQLException {
        return column(column).nullable() ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls;
    }

    @Override public boolean isAutoIncrement(int column) throws SQLException { column(column); return false; }
    @Override public boolean isSearchable(int column) throws SQLException { column(column); return true; }
    @Override public boolean isCurrency(int column) throws SQLException { column(column); return false; }
    @Override public boolean isReadOnly(int column) throws SQLException { return !fromTable(column); }
    @Override public boolean isWritable(int column) throws SQLException { return fromTable(column); }
    @Override public boolean isDefinitelyWritable(int column) throws SQLException { column(column); return false; }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION, "a KyroResultSetMetaData does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}

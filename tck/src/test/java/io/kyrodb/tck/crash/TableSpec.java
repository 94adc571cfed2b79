package io.kyrodb.tck.crash;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** A table of the crash workload: its columns and primary key (empty: none, rows are a multiset). */
record TableSpec(String name, List<Column> columns, List<Integer> primaryKey) {

    enum Kind {
        BIGINT("BIGINT", Types.BIGINT), INTEGER("INTEGER", Types.INTEGER), SMALLINT("SMALLINT", Types.SMALLINT),
        DOUBLE("DOUBLE PRECISION", Types.DOUBLE), REAL("REAL", Types.REAL), BOOLEAN("BOOLEAN", Types.BOOLEAN),
        TEXT("TEXT", Types.VARCHAR), VARCHAR("VARCHAR", Types.VARCHAR);

        final String sql;
        final int jdbcType;

        Kind(String sql, int jdbcType) {
            this.sql = sql;
            this.jdbcType = jdbcType;
        }

        boolean numeric() {
            return this != BOOLEAN && this != TEXT && this != VARCHAR;
        }

        boolean text() {
            return this == TEXT || this == VARCHAR;
        }
    }

    /** {@code length} only for VARCHAR. */
    record Column(String name, Kind kind, int length, boolean notNull) {
        static Column of(String name, Kind kind) {
            return new Column(name, kind, 0, false);
        }

        String typeSql() {
            return kind == Kind.VARCHAR ? "VARCHAR(" + length + ")" : kind.sql;
        }
    }

    TableSpec {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    boolean isKey(int column) {
        return primaryKey.contains(column);
    }

    /** Columns that are neither in the key nor NOT NULL. */
    boolean nullable(int column) {
        return !isKey(column) && !columns.get(column).notNull();
    }

    List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    String createSql() {
        List<String> parts = new ArrayList<>();
        for (Column c : columns) {
            parts.add(c.name() + " " + c.typeSql() + (c.notNull() ? " NOT NULL" : ""));
        }
        if (hasPrimaryKey()) {
            parts.add("PRIMARY KEY (" + String.join(", ", primaryKey.stream().map(i -> columns.get(i).name()).toList()) + ")");
        }
        return "CREATE TABLE " + name + " (" + String.join(", ", parts) + ")";
    }

    List<Object> keyOf(List<Object> row) {
        List<Object> key = new ArrayList<>(primaryKey.size());
        for (int i : primaryKey) {
            key.add(row.get(i));
        }
        return key;
    }
}

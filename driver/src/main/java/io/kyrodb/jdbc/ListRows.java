package io.kyrodb.jdbc;

import io.kyrodb.engine.ExecResult;
import io.kyrodb.engine.ResultColumn;

import java.util.Iterator;
import java.util.List;

/**
 * Rows held in a list, for results the driver builds itself (DatabaseMetaData). Each row's values
 * must be of the Java classes the engine uses for their column's type, or null.
 */
final class ListRows implements ExecResult.Rows {
    private final List<ResultColumn> columns;
    private final Iterator<Object[]> rows;

    ListRows(List<ResultColumn> columns, List<Object[]> rows) {
        this.columns = List.copyOf(columns);
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("row has " + row.length + " values for " + columns.size() + " columns");
            }
        }
        this.rows = List.copyOf(rows).iterator();
    }

    static ListRows empty(List<ResultColumn> columns) {
        return new ListRows(columns, List.of());
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        return rows.hasNext() ? rows.next() : null;
    }
}

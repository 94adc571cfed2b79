package io.kyrodb.engine;

import java.util.List;

/** The rows of INSERT, UPDATE or DELETE ... RETURNING, with the number of rows the statement changed. */
final class ReturnedRows implements ExecResult.Rows {
    private final MaterializedRows rows;
    private final long changed;

    ReturnedRows(List<ResultColumn> columns, List<Object[]> rows, long changed) {
        this.rows = new MaterializedRows(columns, rows);
        this.changed = changed;
    }

    @Override
    public List<ResultColumn> columns() {
        return rows.columns();
    }

    @Override
    public Object[] next() {
        return rows.next();
    }

    @Override
    public long changedCount() {
        return changed;
    }
}

package io.kyrodb.engine;

import java.util.List;

/** Rows computed in full under the statement's lock, handed out one by one afterwards. */
public final class MaterializedRows implements ExecResult.Rows {
    private final List<ResultColumn> columns;
    private final List<Object[]> rows;
    private int next;

    public MaterializedRows(List<ResultColumn> columns, List<Object[]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        return next < rows.size() ? rows.get(next++) : null;
    }
}

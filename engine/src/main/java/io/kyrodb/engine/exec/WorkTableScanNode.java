package io.kyrodb.engine.exec;

import java.util.Iterator;
import java.util.List;

/** The rows of a recursive WITH query's previous iteration (its working table), inside its recursive term. */
public record WorkTableScanNode(WorkTable table) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        List<Object[]> rows = ctx.workTables().get(table);
        if (rows == null) {
            throw new IllegalStateException("working table " + table + " read outside its recursive union");
        }
        Iterator<Object[]> it = rows.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    @Override
    public String describe() {
        return "WorkTable Scan on " + table.name();
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }
}

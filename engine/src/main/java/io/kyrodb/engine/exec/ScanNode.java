package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Table;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Every row of a table in key order. */
public record ScanNode(Table table) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        if (table.isSystem()) {
            Iterator<Object[]> rows = table.systemRows();
            return () -> {
                ctx.checkCancel();
                return rows.hasNext() ? rows.next() : null;
            };
        }
        Iterator<Map.Entry<Object, Object[]>> it = table.data().entries(ctx.view());
        return () -> {
            ctx.checkCancel();
            return it.hasNext() ? it.next().getValue() : null;
        };
    }

    @Override
    public String describe() {
        return "Seq Scan on " + table.name();
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }
}

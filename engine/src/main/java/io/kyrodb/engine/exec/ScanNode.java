package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.storage.run.IntRangeFilter;

import java.util.Iterator;
import java.util.List;

/** Every row of a table in key order. */
public record ScanNode(Table table) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        return open(ctx, null);
    }

    /**
     * The rows, where the table can, without some of those that fail {@code filter} (null: none;
     * see {@link IntRangePushdown}) or a hash join's keys ({@link JoinKeyFilter}): the caller
     * tests every row it gets.
     */
    RowIterator open(ExecContext ctx, IntRangeFilter filter) {
        if (table.isSystem()) {
            Iterator<Object[]> rows = table.systemRows();
            return () -> {
                ctx.checkCancel();
                return rows.hasNext() ? rows.next() : null;
            };
        }
        IntRangeFilter joinKeys = ctx.keptState(this);   // a hash join's keys, while it opens its probe side
        java.util.function.Supplier<Object[]> rows = table.data().rows(ctx.view(), IntRangeFilter.both(filter, joinKeys));
        return () -> {
            ctx.checkCancel();
            return rows.get();
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

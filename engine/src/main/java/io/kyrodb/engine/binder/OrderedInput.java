package io.kyrodb.engine.binder;

import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ProjectNode;
import io.kyrodb.engine.exec.SortKey;
import io.kyrodb.engine.exec.SortNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * The input of ordered aggregates (string_agg(x, ',' ORDER BY y)) sorted by their ORDER BY: the
 * rows, {@code width} wide, get the sort values appended and are sorted by them (spilling past
 * work_mem), so every group's accumulator sees its rows in that order. The extra columns sit past
 * the ones the aggregation reads.
 */
final class OrderedInput {
    private OrderedInput() {
    }

    static PlanNode sort(PlanNode input, int width, List<BoundExpr> order, List<SortKey> keys) {
        List<BoundExpr> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            columns.add(new ColumnExpr(i, SqlType.UNKNOWN, "", "", true));
        }
        columns.addAll(order);
        List<SortKey> shifted = new ArrayList<>();
        for (SortKey k : keys) {
            shifted.add(new SortKey(width + k.column(), k.descending(), k.nullsFirst()));
        }
        return new SortNode(new ProjectNode(input, columns), shifted);
    }
}

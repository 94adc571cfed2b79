package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.HeapSize;
import io.kyrodb.engine.types.SqlArray;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The state of an ordered aggregate whose ORDER BY differs from the one the query's input is
 * sorted by ({@code string_agg(a, ',' ORDER BY b DESC)} next to one {@code ORDER BY a}): it keeps
 * each row's {@code [key..., value]} and, for the result, sorts them stably by the call's
 * {@link AggregateCall#order} and feeds the values in that order to a plain accumulator. The kept
 * rows count toward the aggregation's memory like array_agg's values, so a hash aggregation spills
 * groups past work_mem ({@link #writeState}).
 */
final class SortingAccumulator extends Accumulator {
    private final AggregateCall call;
    private final List<SqlArray> rows = new ArrayList<>();

    SortingAccumulator(AggregateCall call) {
        super(call.unordered());
        this.call = call;
    }

    @Override
    long initialSize() {
        return SIZE + MemoryEstimate.SMALL_OBJECT;
    }

    @Override
    long add(Object v) {
        SqlArray row = (SqlArray) v;
        rows.add(row);
        return MemoryEstimate.REFERENCE + HeapSize.of(row);
    }

    @Override
    void writeState(List<Object> out) {
        out.add(rows.size());
        out.addAll(rows);
    }

    @Override
    int mergeState(Object[] row, int offset, long[] grown) {
        int n = (Integer) row[offset];
        for (int k = 0; k < n; k++) {
            grown[0] += add(row[offset + 1 + k]);
        }
        return offset + 1 + n;
    }

    @Override
    Object result() {
        List<Object[]> sorted = new ArrayList<>(rows.size());
        for (SqlArray r : rows) {
            sorted.add(r.elements());
        }
        Comparator<Object[]> order = SortNode.comparator(call.order());
        sorted.sort(order);   // stable: ties keep the input order
        Accumulator values = new Accumulator(call.unordered());
        for (Object[] r : sorted) {
            values.add(r[r.length - 1]);
        }
        return values.result();
    }
}

package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash aggregation. Output rows are the group values followed by one value per aggregate. Without
 * GROUP BY there is exactly one output row, even for empty input (COUNT = 0, others NULL).
 */
public record AggregateNode(PlanNode child, List<BoundExpr> groups, List<AggregateCall> aggregates)
        implements PlanNode {

    /** A group's values with equality by SQL value (1 = 1.0), NULLs forming one group. */
    private record GroupKey(Object[] values) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof GroupKey other)) {
                return false;
            }
            for (int i = 0; i < values.length; i++) {
                if (!Values.sameValue(values[i], other.values[i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (Object v : values) {
                h = 31 * h + hash(v);
            }
            return h;
        }

        private static int hash(Object v) {
            if (v == null) {
                return 0;
            }
            if (v instanceof Number n) {
                double d = n.doubleValue();
                return d == 0 ? 0 : Double.hashCode(d);
            }
            return v.hashCode();
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    @Override
    public RowIterator open(Object[] params) {
        RowIterator in = child.open(params);
        Map<GroupKey, Accumulator[]> table = new LinkedHashMap<>();
        for (Object[] row; (row = in.next()) != null; ) {
            Object[] key = new Object[groups.size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = groups.get(i).eval(row, params);
            }
            Accumulator[] accs = table.computeIfAbsent(new GroupKey(key), k -> newAccumulators());
            for (Accumulator a : accs) {
                a.add(row, params);
            }
        }
        if (table.isEmpty() && groups.isEmpty()) {
            table.put(new GroupKey(new Object[0]), newAccumulators());
        }
        List<Object[]> out = new ArrayList<>(table.size());
        for (Map.Entry<GroupKey, Accumulator[]> e : table.entrySet()) {
            Object[] key = e.getKey().values();
            Object[] row = Arrays.copyOf(key, key.length + aggregates.size());
            for (int i = 0; i < aggregates.size(); i++) {
                row[key.length + i] = e.getValue()[i].result();
            }
            out.add(row);
        }
        var it = out.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    private Accumulator[] newAccumulators() {
        Accumulator[] accs = new Accumulator[aggregates.size()];
        for (int i = 0; i < accs.length; i++) {
            accs[i] = aggregates.get(i).newAccumulator();
        }
        return accs;
    }

    @Override
    public String describe() {
        return groups.isEmpty() ? "Aggregate" : "HashAggregate";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}

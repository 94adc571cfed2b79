package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.EvalContext;
import io.kyrodb.engine.types.Casts;

import java.util.List;

/**
 * The row whose primary key equals the given values, if any: a point lookup instead of a scan.
 * {@code keyValues} are in key-column order and depend on no row.
 */
public record KeyLookupNode(Table table, List<BoundExpr> keyValues) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        Object key = key(ctx);
        Object[] row = key == null ? null : table.data().get(key, ctx.view());
        Object[][] holder = {row};
        return () -> {
            Object[] r = holder[0];
            holder[0] = null;
            return r;
        };
    }

    /** The lookup key, or null when a key value is NULL or cannot equal any stored key. */
    Object key(EvalContext ctx) {
        Object[] parts = new Object[keyValues.size()];
        for (int i = 0; i < parts.length; i++) {
            Object v = keyValues.get(i).eval(null, ctx);
            if (v == null) {
                return null;
            }
            var columnType = table.columns().get(table.primaryKeyColumn(i)).type();
            try {
                parts[i] = Casts.convert(v, columnType, false);
            } catch (RuntimeException outOfColumnRange) {
                return null; // e.g. 1e12 against an integer key: no row can match
            }
            if (!io.kyrodb.engine.types.Values.sameValue(parts[i], v)) {
                return null; // 2.5 against an integer key
            }
        }
        return parts.length == 1 ? parts[0] : parts;
    }

    @Override
    public String describe() {
        return "Index Scan using " + table.name() + "_pkey on " + table.name();
    }

    @Override
    public List<String> details() {
        return List.of("Index: " + table.data().indexDescription());
    }

    /** {@code Index Cond: (id = 5)}, each key column compared with its value; the index kind under VERBOSE. */
    @Override
    public void explain(ExplainDetails out) {
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < keyValues.size(); i++) {
            parts.add("(" + ExplainDetails.columnName(table, table.primaryKeyColumn(i)) + " = "
                    + out.deparse(keyValues.get(i)) + ")");
        }
        out.indexCond(parts);
        if (out.verbose()) {
            out.text("Index", table.data().indexDescription());
        }
    }

    @Override
    public List<BoundExpr> expressions() {
        return keyValues;
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }
}

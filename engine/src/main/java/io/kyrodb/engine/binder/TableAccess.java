package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.FilterNode;
import io.kyrodb.engine.exec.KeyLookupNode;
import io.kyrodb.engine.exec.KeyRangeNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ScanNode;
import io.kyrodb.engine.exec.WidenNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.OuterColumnExpr;
import io.kyrodb.engine.expr.ParamExpr;
import io.kyrodb.engine.expr.ScalarSubqueryExpr;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule that pushes a join's single-table conditions down to the table they read: reads that
 * table by primary key ({@link KeyLookups}: a point lookup or a range) when those conditions allow,
 * else scans it, places its rows in the join layout and filters them there. {@code rows} is the
 * estimate the join order starts from.
 */
final class TableAccess {
    /** Rows assumed in a table: there are no statistics yet. */
    static final double TABLE_ROWS = 1000;
    /** The share of rows one more condition keeps. */
    static final double SELECTIVITY = 0.25;

    record Access(PlanNode plan, double rows, boolean keyLookup) {
    }

    private TableAccess() {
    }

    static Access of(Scope.Entry entry, int width, List<BoundExpr> conditions) {
        Table table = entry.table();
        if (entry.source() != null) {
            PlanNode node = new WidenNode(entry.source(), entry.offset(), width);
            if (!conditions.isEmpty()) {
                node = new FilterNode(node, Conjuncts.and(conditions));
            }
            return new Access(node, Math.max(1, TABLE_ROWS * Math.pow(SELECTIVITY, conditions.size())), false);
        }
        List<BoundExpr> local = new ArrayList<>();
        for (BoundExpr c : conditions) {
            BoundExpr shifted = shift(c, entry.offset(), table.columns().size());
            if (shifted != null) {
                local.add(shifted);
            }
        }
        BoundExpr localFilter = Conjuncts.and(local);
        PlanNode access = KeyLookups.find(table, localFilter);
        double rows;
        boolean lookup = access != null;
        if (access != null) {
            rows = 1;
        } else {
            access = KeyLookups.range(table, localFilter);
            rows = access != null ? TABLE_ROWS * SELECTIVITY : TABLE_ROWS;
        }
        int unused = conditions.size() - (access instanceof KeyLookupNode ? table.primaryKeyWidth()
                : access instanceof KeyRangeNode ? 1 : 0);
        rows = Math.max(1, rows * Math.pow(SELECTIVITY, Math.max(0, unused)));
        PlanNode node = new WidenNode(access != null ? access : new ScanNode(table), entry.offset(), width);
        if (!conditions.isEmpty()) {
            node = new FilterNode(node, Conjuncts.and(conditions));
        }
        return new Access(node, rows, lookup);
    }

    /**
     * {@code c} with the table's columns renumbered from 0, if it is a comparison KeyLookups may
     * use (a column against something that reads no row); else null. Only the row-independent
     * side's values reach the key lookup, so nothing else needs renumbering.
     */
    private static BoundExpr shift(BoundExpr c, int offset, int columns) {
        if (!(c instanceof CompareExpr cmp)) {
            return null;
        }
        BoundExpr l = shiftOperand(cmp.left(), offset, columns);
        BoundExpr r = shiftOperand(cmp.right(), offset, columns);
        return l == null || r == null ? null : new CompareExpr(cmp.op(), l, r);
    }

    private static BoundExpr shiftOperand(BoundExpr e, int offset, int columns) {
        return switch (e) {
            case ColumnExpr col -> col.index() >= offset && col.index() < offset + columns
                    ? new ColumnExpr(col.index() - offset, col.type(), col.table(), col.name(), col.nullable()) : null;
            case CastExpr cast -> {
                BoundExpr operand = shiftOperand(cast.operand(), offset, columns);
                yield operand == null ? null : new CastExpr(operand, cast.type(), cast.explicit());
            }
            case ConstExpr k -> k;
            case ParamExpr p -> p;
            case OuterColumnExpr o -> o;
            case ScalarSubqueryExpr s -> s;
            default -> null;
        };
    }
}

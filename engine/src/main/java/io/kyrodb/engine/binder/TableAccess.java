package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.FilterNode;
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
import io.kyrodb.engine.plan.CardinalityEstimator;
import io.kyrodb.engine.plan.PlanEstimates;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule that pushes a join's single-table conditions down to the table they read: reads that
 * table by primary key ({@link KeyLookups}: a point lookup or a range) when those conditions allow,
 * else through a secondary index when they keep few of its rows, else scans it; places its rows in
 * the join layout and filters them there. {@code rows} is the
 * estimate the join order starts from: the table's rows times the conditions' selectivity.
 */
final class TableAccess {
    record Access(PlanNode plan, double rows, boolean keyLookup) {
    }

    private TableAccess() {
    }

    static Access of(Scope.Entry entry, int width, List<BoundExpr> conditions, CardinalityEstimator estimator,
                     CardinalityEstimator.Columns columns, PlanEstimates estimates) {
        return of(entry, width, conditions, estimator, columns, estimates, null, false);
    }

    /**
     * As above; with {@code catalog} (null: none), when no key answers the conditions a GIN index
     * may answer a {@code @@} condition, else a secondary index a comparison on its leading column
     * ({@link IndexLookups#find}), as for a query of one table; with {@code scanWhenBroad} (the
     * cost-based choices and sequential scans on) not when a scan reads its rows for less
     * ({@link IndexLookups#scanCheaper}).
     */
    static Access of(Scope.Entry entry, int width, List<BoundExpr> conditions, CardinalityEstimator estimator,
                     CardinalityEstimator.Columns columns, PlanEstimates estimates, io.kyrodb.engine.catalog.Catalog catalog,
                     boolean scanWhenBroad) {
        Table table = entry.table();
        if (entry.source() != null) {
            PlanNode node = new WidenNode(entry.source(), entry.offset(), width);
            if (!conditions.isEmpty()) {
                node = new FilterNode(node, Conjuncts.and(conditions));
            }
            // a view, WITH query or function in FROM: no statistics, PostgreSQL-like defaults
            double rows = Math.max(1, io.kyrodb.engine.plan.HistogramEstimator.DEFAULT_ROWS
                    * Math.pow(io.kyrodb.engine.plan.HistogramEstimator.DEFAULT_RANGE, conditions.size()));
            return new Access(estimates.put(node, rows), rows, false);
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
        double tableRows = estimator.tableRows(table);
        BoundExpr filter = Conjuncts.and(conditions);
        double rows = Math.max(1, tableRows * estimator.selectivity(filter, columns));
        boolean lookup = access != null;
        if (access != null) {
            estimates.put(access, rows);
        } else {
            access = KeyLookups.range(table, localFilter);
            if (access == null && catalog != null) {
                access = IndexLookups.textSearch(catalog, table, entry.offset(), conditions);
            }
            if (access == null && catalog != null) {
                io.kyrodb.engine.exec.IndexScanNode index = IndexLookups.find(catalog, table, localFilter);
                if (index != null && scanWhenBroad && IndexLookups.scanCheaper(index, local, tableRows,
                        e -> estimator.selectivity(e, c -> columns.at(entry.offset() + c)))) {
                    index = null;
                }
                access = index;
            }
            if (access != null) {
                estimates.put(access, rows);
            }
        }
        PlanNode read = access != null ? access : estimates.put(new ScanNode(table), tableRows);
        PlanNode node = new WidenNode(read, entry.offset(), width);
        if (!conditions.isEmpty()) {
            node = estimates.put(new FilterNode(node, filter), rows);
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
                    ? new ColumnExpr(col.index() - offset, col.type(), col.table(), col.name(), col.nullable(), col.alias()) : null;
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

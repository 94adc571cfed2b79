package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.VectorIndexDef;
import io.kyrodb.engine.exec.HnswEnv;
import io.kyrodb.engine.exec.HnswScanNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ProjectNode;
import io.kyrodb.engine.exec.SortKey;
import io.kyrodb.engine.exec.TopNNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.OuterColumnExpr;
import io.kyrodb.engine.expr.ParamExpr;
import io.kyrodb.engine.expr.VectorFunction;
import io.kyrodb.engine.expr.VectorFunctionExpr;
import io.kyrodb.engine.vector.VectorText;

import java.util.List;

/**
 * Puts an HNSW index under {@code ORDER BY col <op> q LIMIT k}: one table, one ascending sort key
 * (NULLS LAST, the default) that is the distance of the index's operator class between the indexed
 * column and a value that does not depend on the row (a literal, a parameter, an expression of
 * them). The {@link HnswScanNode} keeps the exact Top-N as its fallback and chooses at run time.
 */
final class HnswPlanning {
    private HnswPlanning() {
    }

    static PlanNode scan(Binder binder, Table table, BoundExpr where, List<BoundExpr> outputs, TopNNode topN) {
        HnswEnv env = binder.hnsw();
        if (env == null || topN.keys().size() != 1 || topN.limit() == null
                || !(topN.child() instanceof ProjectNode project) || !readsTableRows(project.child())) {
            return topN;
        }
        SortKey key = topN.keys().get(0);
        if (key.descending() || key.nullsFirst() || !(outputs.get(key.column()) instanceof VectorFunctionExpr f)
                || f.arguments().size() != 2) {
            return topN;
        }
        for (VectorIndexDef def : binder.catalog().vectorIndexesOf(table.name())) {
            if (VectorFunction.ofOperator(def.spec().distance()) != f.function()) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                if (f.arguments().get(side) instanceof ColumnExpr c && c.index() == def.column()
                        && rowIndependent(f.arguments().get(1 - side))) {
                    BoundExpr query = f.arguments().get(1 - side);
                    String orderBy = "(" + table.columns().get(def.column()).name() + " "
                            + def.spec().distance().operator() + " " + text(query) + ")";
                    return new HnswScanNode(table, def, env.indexes(), env.efSearch(), env.exactThreshold(), where,
                            project.expressions(), query, orderBy, topN);
                }
            }
        }
        return topN;
    }

    /** Whether {@code node} yields the table's own rows (a scan or lookup, filtered or not): what the projection reads. */
    private static boolean readsTableRows(PlanNode node) {
        return switch (node) {
            case io.kyrodb.engine.exec.FilterNode f -> readsTableRows(f.child());
            case io.kyrodb.engine.exec.ScanNode s -> true;
            case io.kyrodb.engine.exec.KeyLookupNode k -> true;
            case io.kyrodb.engine.exec.KeyRangeNode k -> true;
            case io.kyrodb.engine.exec.IndexScanNode i -> true;
            default -> false;
        };
    }

    private static boolean rowIndependent(BoundExpr e) {
        boolean[] depends = {false};
        ExprTree.forEach(e, x -> {
            if (x instanceof ColumnExpr || x instanceof OuterColumnExpr || ExprTree.subPlanOf(x) != null) {
                depends[0] = true;
            }
        });
        return !depends[0];
    }

    private static String text(BoundExpr e) {
        return switch (e) {
            case ParamExpr p -> "$" + (p.index() + 1);
            case ConstExpr c when c.value() instanceof float[] v -> "'" + VectorText.format(v) + "'::vector";
            case ConstExpr c when c.value() instanceof String s -> "'" + s.replace("'", "''") + "'::vector";
            case ConstExpr c when c.value() instanceof io.kyrodb.engine.vector.HalfVector h ->
                    "'" + VectorText.format(h.toFloats()) + "'::halfvec";
            case CastExpr c -> text(c.operand());
            default -> "(expression)";
        };
    }
}

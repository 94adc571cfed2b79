package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.KeyLookupNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.expr.ParamExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a primary-key point lookup in a single-table filter: conjuncts {@code pk_col = value} for
 * every key column, where the value depends on no row. The filter still runs on the found row, so
 * the lookup only narrows, it never decides.
 */
final class KeyLookups {
    private KeyLookups() {
    }

    static KeyLookupNode find(Table table, BoundExpr filter) {
        if (filter == null || !table.hasPrimaryKey()) {
            return null;
        }
        List<BoundExpr> conjuncts = new ArrayList<>();
        flatten(filter, conjuncts);
        List<BoundExpr> values = new ArrayList<>();
        for (int k = 0; k < table.primaryKeyWidth(); k++) {
            BoundExpr v = valueFor(table.primaryKeyColumn(k), conjuncts);
            if (v == null) {
                return null;
            }
            values.add(v);
        }
        return new KeyLookupNode(table, values);
    }

    private static void flatten(BoundExpr e, List<BoundExpr> out) {
        if (e instanceof LogicalExpr l && l.isAnd()) {
            flatten(l.left(), out);
            flatten(l.right(), out);
        } else {
            out.add(e);
        }
    }

    private static BoundExpr valueFor(int column, List<BoundExpr> conjuncts) {
        for (BoundExpr c : conjuncts) {
            if (c instanceof CompareExpr cmp && cmp.op() == BinaryOp.EQ) {
                if (isColumn(cmp.left(), column) && isRowIndependent(cmp.right())) {
                    return cmp.right();
                }
                if (isColumn(cmp.right(), column) && isRowIndependent(cmp.left())) {
                    return cmp.left();
                }
            }
        }
        return null;
    }

    /** The column itself, possibly widened by an implicit cast (int column = bigint parameter). */
    private static boolean isColumn(BoundExpr e, int column) {
        if (e instanceof CastExpr cast && !cast.explicit() && cast.type().kind().isNumeric()
                && cast.operand().type().kind().isNumeric()) {
            e = cast.operand();
        }
        return e instanceof ColumnExpr c && c.index() == column;
    }

    private static boolean isRowIndependent(BoundExpr e) {
        return e instanceof ConstExpr || e instanceof ParamExpr
                || (e instanceof CastExpr c && isRowIndependent(c.operand()));
    }
}

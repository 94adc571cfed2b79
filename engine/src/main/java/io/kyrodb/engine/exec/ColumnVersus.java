package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.ParamExpr;
import io.kyrodb.sql.ast.Expr.BinaryOp;

/**
 * A comparison of a column with a constant or parameter, the column put on the left:
 * {@code 3 < x} is {@code x > 3}. The shape a filter's row loop ({@link RowPredicate}) and a
 * scan's integer ranges ({@link IntRangePushdown}) take apart.
 *
 * @param op the comparison, as if the column were on the left
 * @param slot the column's slot in the row
 * @param value the constant or parameter: one value for the whole execution, read without a row
 */
record ColumnVersus(BinaryOp op, int slot, BoundExpr value) {
    /** {@code e} taken apart, or null when it is not a column compared with a constant or parameter. */
    static ColumnVersus of(BoundExpr e) {
        if (e instanceof CompareExpr c) {
            if (c.left() instanceof ColumnExpr col && fixed(c.right())) {
                return new ColumnVersus(c.op(), col.index(), c.right());
            }
            if (c.right() instanceof ColumnExpr col && fixed(c.left())) {
                return new ColumnVersus(c.op().flipped(), col.index(), c.left());
            }
        }
        return null;
    }

    private static boolean fixed(BoundExpr e) {
        return e instanceof ConstExpr || e instanceof ParamExpr;
    }

}

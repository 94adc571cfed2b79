package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.KeyLookupNode;
import io.kyrodb.engine.exec.KeyRangeNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.OuterColumnExpr;
import io.kyrodb.engine.expr.ParamExpr;
import io.kyrodb.engine.expr.ScalarSubqueryExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds how a single-table filter can use the primary key: a point lookup (conjuncts
 * {@code pk_col = value} for every key column) or a range of its first column ({@code >, >=, <,
 * <=}, {@code BETWEEN}), where the values depend on no row. The filter still runs on every row
 * found, so the index only narrows, it never decides.
 */
final class KeyLookups {
    private KeyLookups() {
    }

    static KeyLookupNode find(Table table, BoundExpr filter) {
        if (filter == null || !table.hasPrimaryKey()) {
            return null;
        }
        List<BoundExpr> conjuncts = io.kyrodb.engine.expr.ExprTree.conjuncts(filter);
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

    /** A range of the first key column the filter bounds, or null. */
    static KeyRangeNode range(Table table, BoundExpr filter) {
        if (filter == null || !table.hasPrimaryKey()) {
            return null;
        }
        List<BoundExpr> conjuncts = io.kyrodb.engine.expr.ExprTree.conjuncts(filter);
        int column = table.primaryKeyColumn(0);
        BoundExpr lower = null;
        BoundExpr upper = null;
        boolean lowerInclusive = true;
        boolean upperInclusive = true;
        for (BoundExpr c : conjuncts) {
            if (!(c instanceof CompareExpr cmp)) {
                continue;
            }
            BinaryOp op = cmp.op();
            BoundExpr value;
            if (isColumn(cmp.left(), column) && isRowIndependent(cmp.right())) {
                value = cmp.right();
            } else if (isColumn(cmp.right(), column) && isRowIndependent(cmp.left())) {
                value = cmp.left();
                op = op.flipped();
            } else {
                continue;
            }
            switch (op) {
                case GT, GE -> {
                    if (lower == null) {
                        lower = value;
                        lowerInclusive = op == BinaryOp.GE;
                    }
                }
                case LT, LE -> {
                    if (upper == null) {
                        upper = value;
                        upperInclusive = op == BinaryOp.LE;
                    }
                }
                case EQ -> {
                    lower = value;
                    upper = value;
                    lowerInclusive = true;
                    upperInclusive = true;
                }
                default -> {
                }
            }
        }
        return lower == null && upper == null ? null
                : new KeyRangeNode(table, lower, lowerInclusive, upper, upperInclusive);
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

    /**
     * The column itself, possibly widened by an implicit numeric cast that loses nothing (int
     * column = bigint parameter; an integer compared as numeric; a numeric(p,s) as numeric; a
     * smallint, integer or real as double precision): a lookup of the other side's value,
     * converted back to the column's type, then finds exactly the rows the comparison keeps. A
     * bigint compared as double precision is not the column: two bigints past 2^53 round to one
     * double, which a lookup would not find.
     */
    static boolean isColumn(BoundExpr e, int column) {
        if (e instanceof CastExpr cast && !cast.explicit() && lossless(cast.operand().type().kind(), cast.type().kind())) {
            e = cast.operand();
        }
        return e instanceof ColumnExpr c && c.index() == column;
    }

    /** Whether every value of kind {@code from} is a distinct value of kind {@code to} (numeric(10,2) to numeric drops only the typmod). */
    private static boolean lossless(io.kyrodb.engine.types.TypeKind from, io.kyrodb.engine.types.TypeKind to) {
        if (from == to) {
            return from.isNumeric();
        }
        return switch (to) {
            case SMALLINT, INTEGER, BIGINT, NUMERIC -> from.isInteger();
            case REAL -> from == io.kyrodb.engine.types.TypeKind.SMALLINT;
            case DOUBLE -> from == io.kyrodb.engine.types.TypeKind.SMALLINT || from == io.kyrodb.engine.types.TypeKind.INTEGER
                    || from == io.kyrodb.engine.types.TypeKind.REAL;
            default -> false;
        };
    }

    /**
     * Constant while the table is read: a constant, a parameter, a column of an enclosing query, or
     * a scalar subquery that reads no column of this query's row.
     */
    static boolean isRowIndependent(BoundExpr e) {
        return e instanceof ConstExpr || e instanceof ParamExpr || e instanceof OuterColumnExpr
                || (e instanceof ScalarSubqueryExpr s && s.subPlan().outerRefs().stream().noneMatch(r -> r.levelsUp() == 0))
                || (e instanceof CastExpr c && isRowIndependent(c.operand()));
    }
}

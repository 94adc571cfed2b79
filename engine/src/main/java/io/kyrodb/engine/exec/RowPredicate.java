package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.types.Values;
import io.kyrodb.sql.ast.Expr.BinaryOp;

/**
 * A filter's condition prepared for its row loop, one execution at a time (parameter values are
 * known): the shapes most WHERE clauses have get a small class of their own that reads the row
 * directly, a column compared with an integer constant or parameter without boxing, a column
 * equal to a text constant, AND/OR of those; anything else evaluates its {@link BoundExpr}.
 * Each gives the same three-valued result as {@link BoundExpr#eval}, evaluating the same operands
 * in the same order (so the same errors), only without the interpretive layers: a
 * {@link CompareExpr} reached from every query's plan sees every kind of operand, which leaves
 * the JIT nothing to specialise.
 */
abstract class RowPredicate {
    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNKNOWN = 2;

    /** {@link #TRUE}, {@link #FALSE} or {@link #UNKNOWN} (SQL NULL) for {@code row}. */
    abstract int test(Object[] row, ExecContext ctx);

    /** The condition {@code e} for one execution under {@code ctx}. */
    static RowPredicate of(BoundExpr e, ExecContext ctx) {
        if (e instanceof LogicalExpr l) {
            RowPredicate left = of(l.left(), ctx);
            RowPredicate right = of(l.right(), ctx);
            return l.isAnd() ? new And(left, right) : new Or(left, right);
        }
        ColumnVersus c = ColumnVersus.of(e);
        if (c != null) {
            RowPredicate p = columnVersus(c.op(), c.slot(), c.value().eval(null, ctx), e);
            if (p != null) {
                return p;
            }
        }
        return new Evaluated(e);
    }

    /** {@code row[slot] op value}, or null when {@code value} has no specialised class. */
    private static RowPredicate columnVersus(BinaryOp op, int slot, Object value, BoundExpr whole) {
        if (value instanceof Integer i) {
            return new IntegerVersus(op, slot, i);
        }
        if (value instanceof Long l) {
            return new LongVersus(op, slot, l);
        }
        if (value instanceof String s && (op == BinaryOp.EQ || op == BinaryOp.NE)) {
            return new TextEquals(op == BinaryOp.EQ, slot, s, whole);
        }
        return null;
    }


    private static int truth(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** Any condition: evaluates the expression. */
    private static final class Evaluated extends RowPredicate {
        private final BoundExpr e;

        Evaluated(BoundExpr e) {
            this.e = e;
        }

        @Override
        int test(Object[] row, ExecContext ctx) {
            Object v = e.eval(row, ctx);
            return v == null ? UNKNOWN : truth(Boolean.TRUE.equals(v));
        }
    }

    /** As {@link LogicalExpr}'s AND: FALSE if either is, else UNKNOWN if either is, else TRUE. */
    private static final class And extends RowPredicate {
        private final RowPredicate left;
        private final RowPredicate right;

        And(RowPredicate left, RowPredicate right) {
            this.left = left;
            this.right = right;
        }

        @Override
        int test(Object[] row, ExecContext ctx) {
            int a = left.test(row, ctx);
            if (a == FALSE) {
                return FALSE;
            }
            int b = right.test(row, ctx);
            return b == FALSE ? FALSE : a == UNKNOWN || b == UNKNOWN ? UNKNOWN : TRUE;
        }
    }

    /** As {@link LogicalExpr}'s OR: TRUE if either is, else UNKNOWN if either is, else FALSE. */
    private static final class Or extends RowPredicate {
        private final RowPredicate left;
        private final RowPredicate right;

        Or(RowPredicate left, RowPredicate right) {
            this.left = left;
            this.right = right;
        }

        @Override
        int test(Object[] row, ExecContext ctx) {
            int a = left.test(row, ctx);
            if (a == TRUE) {
                return TRUE;
            }
            int b = right.test(row, ctx);
            return b == TRUE ? TRUE : a == UNKNOWN || b == UNKNOWN ? UNKNOWN : FALSE;
        }
    }

    /** The outcomes of {@code x op c} when x is below, equal to or above c. */
    private abstract static class Ordered extends RowPredicate {
        final BinaryOp op;
        final int slot;
        final int below;
        final int equal;
        final int above;

        Ordered(BinaryOp op, int slot) {
            this.op = op;
            this.slot = slot;
            this.below = truth(CompareExpr.holds(op, -1));
            this.equal = truth(CompareExpr.holds(op, 0));
            this.above = truth(CompareExpr.holds(op, 1));
        }

        /** A value of another type than the constant's: compared as {@link CompareExpr} would. */
        final int general(Object a, Object constant) {
            return a == null ? UNKNOWN : truth(CompareExpr.holds(op, Values.compare(a, constant)));
        }
    }

    /** {@code column op c} for an INTEGER constant or parameter {@code c}. */
    private static final class IntegerVersus extends Ordered {
        private final int c;
        private final Integer boxed;

        IntegerVersus(BinaryOp op, int slot, Integer c) {
            super(op, slot);
            this.c = c;
            this.boxed = c;
        }

        @Override
        int test(Object[] row, ExecContext ctx) {
            Object a = row[slot];
            if (a instanceof Integer x) {
                int v = x;
                return v < c ? below : v == c ? equal : above;
            }
            return general(a, boxed);
        }
    }

    /** {@code column op c} for a BIGINT constant or parameter {@code c}. */
    private static final class LongVersus extends Ordered {
        private final long c;
        private final Long boxed;

        LongVersus(BinaryOp op, int slot, Long c) {
            super(op, slot);
            this.c = c;
            this.boxed = c;
        }

        @Override
        int test(Object[] row, ExecContext ctx) {
            Object a = row[slot];
            if (a instanceof Long x) {
                long v = x;
                return v < c ? below : v == c ? equal : above;
            }
            return general(a, boxed);
        }
    }

    /** {@code column = 'text'} or {@code <>}: strings are equal exactly when their code points are. */
    private static final class TextEquals extends RowPredicate {
        private final int slot;
        private final String c;
        private final int same;
        private final int differ;
        private final BoundExpr whole;

        TextEquals(boolean equals, int slot, String c, BoundExpr whole) {
            this.slot = slot;
            this.c = c;
            this.same = truth(equals);
            this.differ = truth(!equals);
            this.whole = whole;
        }

        @Override
        int test(Object[] row, ExecContext ctx) {
            Object a = row[slot];
            if (a instanceof String s) {
                return s.equals(c) ? same : differ;
            }
            if (a == null) {
                return UNKNOWN;
            }
            Object v = whole.eval(row, ctx);
            return v == null ? UNKNOWN : truth(Boolean.TRUE.equals(v));
        }
    }
}

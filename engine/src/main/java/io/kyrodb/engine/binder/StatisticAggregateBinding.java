package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.AggregateFunction;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ContainerFunction;
import io.kyrodb.engine.expr.ContainerFunctionExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Statement;

import java.util.List;

/**
 * Binds the arguments of the two-argument statistics (corr, covar_*, regr_*: the (Y, X) pair as one
 * double precision array) and of the ordered-set aggregates ({@code percentile_cont(f) WITHIN GROUP
 * (ORDER BY x)}, {@code percentile_disc}, {@code mode()}: the ORDER BY expression is the argument,
 * the fraction a constant evaluated here, checked to lie in [0, 1] when the aggregate runs).
 */
final class StatisticAggregateBinding {
    /** What the aggregate call is built from. */
    record Bound(BoundExpr argument, SqlType argumentType, Object parameter, boolean descending) {
    }

    private StatisticAggregateBinding() {
    }

    static boolean handles(AggregateFunction fn) {
        return fn.isRegression() || fn.isOrderedSet();
    }

    static Bound bind(ExprBinder input, ExprBinder base, Expr.FunctionCall f, AggregateFunction fn) {
        if (fn.isRegression()) {
            if (f.arguments().size() != 2 || f.star()) {
                throw input.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + " takes exactly 2 arguments, got "
                        + f.arguments().size(), f.pos());
            }
            BoundExpr y = number(input, base, f, f.arguments().get(0));
            BoundExpr x = number(input, base, f, f.arguments().get(1));
            BoundExpr pair = new ContainerFunctionExpr(ContainerFunction.ARRAY_CONSTRUCT, List.of(y, x),
                    SqlType.arrayOf(SqlType.DOUBLE));
            return new Bound(pair, SqlType.DOUBLE, null, false);
        }
        int direct = fn == AggregateFunction.MODE ? 0 : 1;
        if (f.arguments().size() != direct || f.orderBy().size() != 1 || f.star()) {
            throw input.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + " takes " + direct
                    + (direct == 1 ? " argument" : " arguments") + " and one WITHIN GROUP (ORDER BY ...) expression", f.pos());
        }
        Statement.SortItem order = f.orderBy().get(0);
        BoundExpr value = input.bind(order.expr(), null);
        if (fn == AggregateFunction.PERCENTILE_CONT) {
            if (value.type().kind() != TypeKind.INTERVAL) {
                value = number(input, base, f, order.expr());
            }
        } else if (value.type().kind() == TypeKind.UNKNOWN) {
            value = base.coerce(value, SqlType.TEXT, order.expr().pos());
        }
        Object parameter = null;
        if (direct == 1) {
            Expr e = f.arguments().get(0);
            BoundExpr fraction = input.bind(e, SqlType.DOUBLE);
            SqlType target = fraction.type().isArray() ? SqlType.arrayOf(SqlType.DOUBLE) : SqlType.DOUBLE;
            if (fraction.type().kind() != TypeKind.UNKNOWN && !(fraction.type().isArray()
                    ? fraction.type().element().kind().isNumeric() : fraction.type().kind().isNumeric())) {
                throw input.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + "(" + fraction.type().displayName()
                        + ") does not exist", e.pos());
            }
            fraction = base.coerce(fraction, target, e.pos());
            if (!constant(fraction)) {
                // percentile_cont(?) / a grouping column: each row carries the fraction with its value
                BoundExpr pair = new io.kyrodb.engine.expr.BuiltinExpr(new io.kyrodb.engine.expr.RowConstructor(
                        List.of("value", "fraction")), List.of(value, fraction), SqlType.RECORD);
                BoundExpr argument = new io.kyrodb.engine.expr.CaseExpr(List.of(new io.kyrodb.engine.expr.IsNullExpr(
                        value, true)), List.of(pair), null, SqlType.RECORD);
                return new Bound(argument, value.type(), target.isArray()
                        ? io.kyrodb.engine.exec.AggregateCall.FRACTIONS_PER_ROW
                        : io.kyrodb.engine.exec.AggregateCall.FRACTION_PER_ROW, order.descending());
            }
            parameter = fraction.eval(new Object[0], null);
        }
        return new Bound(value, value.type(), parameter, order.descending());
    }

    /** Whether {@code e} is built of constants only (no column, parameter or subquery). */
    private static boolean constant(BoundExpr e) {
        if (e.isConstant()) {
            return true;
        }
        List<BoundExpr> children = ExprTree.children(e);
        return !children.isEmpty() && ExprTree.subPlans(e).isEmpty()
                && !(e instanceof io.kyrodb.engine.expr.ColumnExpr) && !(e instanceof io.kyrodb.engine.expr.ParamExpr)
                && children.stream().allMatch(StatisticAggregateBinding::constant);
    }

    private static BoundExpr number(ExprBinder input, ExprBinder base, Expr.FunctionCall f, Expr e) {
        BoundExpr b = input.bind(e, SqlType.DOUBLE);
        if (b.type().kind() != TypeKind.UNKNOWN && !b.type().kind().isNumeric()) {
            throw input.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + "(" + b.type().displayName()
                    + ") does not exist", e.pos());
        }
        return base.coerce(b, SqlType.DOUBLE, e.pos());
    }
}

package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;
import io.kyrodb.sql.ast.Expr.BinaryOp;

/**
 * {@code value op ANY (array)} and {@code value op ALL (array)}, with SQL's three-valued logic as
 * in Postgres: ANY is true if some element compares true, else NULL if the value or some element
 * is NULL, else false (ALL the other way round); over an empty array ANY is false and ALL true.
 */
public record QuantifiedExpr(BinaryOp op, boolean all, BoundExpr value, BoundExpr array) implements BoundExpr {
    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object arr = array.eval(row, ctx);
        if (arr == null) {
            return null;
        }
        SqlArray a = (SqlArray) arr;
        if (a.length() == 0) {
            return all;
        }
        Object v = value.eval(row, ctx);
        boolean sawNull = v == null;
        for (int i = 0; i < a.length() && v != null; i++) {
            Object e = a.get(i);
            if (e == null) {
                sawNull = true;
                continue;
            }
            boolean r = CompareExpr.holds(op, Values.compare(v, e));
            if (r != all) {
                return r;   // ANY: found a true; ALL: found a false
            }
        }
        return sawNull ? null : all;
    }
}

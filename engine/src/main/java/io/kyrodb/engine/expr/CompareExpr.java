package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;
import io.kyrodb.sql.ast.Expr.BinaryOp;

/** {@code = <> < <= > >=} on operands of one comparable type; NULL when either side is NULL. */
public record CompareExpr(BinaryOp op, BoundExpr left, BoundExpr right) implements BoundExpr {
    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object a = left.eval(row, ctx);
        if (a == null) {
            return null;
        }
        Object b = right.eval(row, ctx);
        if (b == null) {
            return null;
        }
        return holds(op, Values.compare(a, b));
    }

    /** Whether {@code op} holds for two values that {@link Values#compare} ordered as {@code c}. */
    public static boolean holds(BinaryOp op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            default -> throw new IllegalStateException(op.name());
        };
    }
}

package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BitwiseFunction;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;

import java.util.List;

/**
 * Binds the integer bit operators: {@code a & b}, {@code a | b}, {@code a # b} on the wider of
 * the two integer types (an untyped side takes the other's), {@code a << n} and {@code a >> n}
 * on a's type with an integer count, and prefix {@code ~a}. Anything but integers is 42883.
 */
final class BitwiseOperators {
    private BitwiseOperators() {
    }

    static BoundExpr binary(ExprBinder binder, Expr.Binary b, BoundExpr left, BoundExpr right) {
        boolean shift = b.op() == Expr.BinaryOp.SHIFT_LEFT || b.op() == Expr.BinaryOp.SHIFT_RIGHT;
        SqlType l = integerType(left, right);
        SqlType r = shift ? SqlType.INTEGER : integerType(right, left);
        if (l == null || r == null) {
            throw binder.operatorDoesNotExist(b, left, right);
        }
        SqlType t = shift ? l : Casts.common(l, r);
        BitwiseFunction f = switch (b.op()) {
            case BIT_AND -> BitwiseFunction.AND;
            case BIT_OR -> BitwiseFunction.OR;
            case BIT_XOR -> BitwiseFunction.XOR;
            case SHIFT_LEFT -> BitwiseFunction.SHIFT_LEFT;
            default -> BitwiseFunction.SHIFT_RIGHT;
        };
        return new BuiltinExpr(f, List.of(binder.coerce(left, t, b.left().pos()),
                binder.coerce(right, shift ? SqlType.INTEGER : t, b.right().pos())), t);
    }

    static BoundExpr not(ExprBinder binder, Expr.Unary u, BoundExpr operand) {
        SqlType t = integerType(operand, operand);
        if (t == null) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: ~ " + operand.type().displayName(),
                    u.pos());
        }
        return new BuiltinExpr(BitwiseFunction.NOT, List.of(binder.coerce(operand, t, u.operand().pos())), t);
    }

    /** e's integer type; an untyped e takes {@code other}'s integer type, else integer. Null for any other type. */
    private static SqlType integerType(BoundExpr e, BoundExpr other) {
        TypeKind k = e.type().kind();
        if (k.isInteger()) {
            return e.type();
        }
        if (k == TypeKind.UNKNOWN) {
            return other.type().kind().isInteger() ? other.type() : SqlType.INTEGER;
        }
        return null;
    }
}

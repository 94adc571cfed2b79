package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.VectorFunction;
import io.kyrodb.engine.expr.VectorFunctionExpr;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.sql.ast.Expr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Binds pgvector's operators and functions: operands must be {@code vector} or untyped (a string
 * literal or parameter, read as a vector's text form). Operands are taken as {@code vector} without
 * dimensions, so mismatched lengths fail at run time with pgvector's 22000, not with a cast error.
 */
final class VectorBinding {
    private VectorBinding() {
    }

    static boolean isVector(BoundExpr left, BoundExpr right) {
        return left.type().kind() == TypeKind.VECTOR || right.type().kind() == TypeKind.VECTOR;
    }

    /** The type a comparison of a vector with {@code other} is done in, or null when there is none. */
    static SqlType comparable(BoundExpr left, BoundExpr right) {
        return acceptsVector(left.type()) && acceptsVector(right.type()) ? SqlType.VECTOR : null;
    }

    static BoundExpr distance(ExprBinder binder, Expr.Binary b, BoundExpr left, BoundExpr right) {
        if (!acceptsVector(left.type()) || !acceptsVector(right.type())
                || (left.type().kind() == TypeKind.UNKNOWN && right.type().kind() == TypeKind.UNKNOWN)) {
            throw binder.operatorDoesNotExist(b, left, right);
        }
        VectorFunction f = VectorFunction.ofOperator(VectorDistance.ofOperator(b.op().symbol()));
        return new VectorFunctionExpr(f, List.of(binder.coerce(left, SqlType.VECTOR, b.left().pos()),
                binder.coerce(right, SqlType.VECTOR, b.right().pos())));
    }

    /** {@code + - * ||} with a vector operand; null when {@code op} is not one of them. */
    static BoundExpr arithmetic(ExprBinder binder, Expr.Binary b, BoundExpr left, BoundExpr right) {
        VectorFunction f = switch (b.op()) {
            case ADD -> VectorFunction.VECTOR_ADD;
            case SUBTRACT -> VectorFunction.VECTOR_SUB;
            case MULTIPLY -> VectorFunction.VECTOR_MUL;
            case CONCAT -> VectorFunction.VECTOR_CONCAT;
            default -> null;
        };
        if (f == null) {
            return null;
        }
        if (!acceptsVector(left.type()) || !acceptsVector(right.type())) {
            throw binder.operatorDoesNotExist(b, left, right);
        }
        return new VectorFunctionExpr(f, List.of(binder.coerce(left, SqlType.VECTOR, b.left().pos()),
                binder.coerce(right, SqlType.VECTOR, b.right().pos())));
    }

    static BoundExpr call(ExprBinder binder, VectorFunction f, List<BoundExpr> args, List<Expr> written,
                          Supplier<KyroException> noSuchFunction) {
        List<BoundExpr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            SqlType want = f.parameterType(i);
            SqlType got = args.get(i).type();
            boolean fits = want.kind() == TypeKind.VECTOR ? acceptsVector(got) : Casts.implicit(got, want);
            if (!fits) {
                throw noSuchFunction.get();
            }
            coerced.add(binder.coerce(args.get(i), want, written.get(i).pos()));
        }
        return new VectorFunctionExpr(f, List.copyOf(coerced));
    }

    private static boolean acceptsVector(SqlType t) {
        return t.kind() == TypeKind.VECTOR || t.kind() == TypeKind.UNKNOWN;
    }
}

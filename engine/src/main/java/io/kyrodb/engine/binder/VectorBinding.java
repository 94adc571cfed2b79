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
 * Binds pgvector's operators and functions: operands must be {@code vector}, {@code halfvec} or
 * untyped (a string literal or parameter, read as the text form). Operands are taken without
 * dimensions, so mismatched lengths fail at run time with pgvector's 22000, not with a cast error.
 * When one operand is a {@code halfvec} the call is on halfvecs (pgvector's vector -> halfvec cast
 * is implicit): a vector operand is rounded to float16 and a vector result is a halfvec.
 */
final class VectorBinding {
    private VectorBinding() {
    }

    static boolean isVector(BoundExpr left, BoundExpr right) {
        return left.type().kind().isVector() || right.type().kind().isVector();
    }

    /** halfvec when either operand is one, else vector (both without dimensions). */
    private static SqlType family(List<BoundExpr> operands) {
        for (BoundExpr e : operands) {
            if (e.type().kind() == TypeKind.HALFVEC) {
                return SqlType.HALFVEC;
            }
        }
        return SqlType.VECTOR;
    }

    /** The type a comparison of a vector with {@code other} is done in, or null when there is none. */
    static SqlType comparable(BoundExpr left, BoundExpr right) {
        return acceptsVector(left.type()) && acceptsVector(right.type()) ? family(List.of(left, right)) : null;
    }

    static BoundExpr distance(ExprBinder binder, Expr.Binary b, BoundExpr left, BoundExpr right) {
        if (!acceptsVector(left.type()) || !acceptsVector(right.type())
                || (left.type().kind() == TypeKind.UNKNOWN && right.type().kind() == TypeKind.UNKNOWN)) {
            throw binder.operatorDoesNotExist(b, left, right);
        }
        VectorFunction f = VectorFunction.ofOperator(VectorDistance.ofOperator(b.op().symbol()));
        SqlType type = family(List.of(left, right));
        return new VectorFunctionExpr(f, List.of(binder.coerce(left, type, b.left().pos()),
                binder.coerce(right, type, b.right().pos())));
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
        SqlType type = family(List.of(left, right));
        return new VectorFunctionExpr(f, List.of(binder.coerce(left, type, b.left().pos()),
                binder.coerce(right, type, b.right().pos())));
    }

    static BoundExpr call(ExprBinder binder, VectorFunction f, List<BoundExpr> args, List<Expr> written,
                          Supplier<KyroException> noSuchFunction) {
        List<BoundExpr> coerced = new ArrayList<>();
        SqlType type = family(args);
        if (f.onlyVector() && type.kind() == TypeKind.HALFVEC) {
            throw noSuchFunction.get();
        }
        for (int i = 0; i < args.size(); i++) {
            SqlType want = f.parameterType(i).kind() == TypeKind.VECTOR ? type : f.parameterType(i);
            SqlType got = args.get(i).type();
            boolean fits = want.kind().isVector() ? acceptsVector(got) : Casts.implicit(got, want);
            if (!fits) {
                throw noSuchFunction.get();
            }
            coerced.add(binder.coerce(args.get(i), want, written.get(i).pos()));
        }
        return new VectorFunctionExpr(f, List.copyOf(coerced));
    }

    private static boolean acceptsVector(SqlType t) {
        return t.kind().isVector() || t.kind() == TypeKind.UNKNOWN;
    }
}

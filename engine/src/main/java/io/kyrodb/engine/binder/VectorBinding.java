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
        return left.type().kind().isPgvector() || right.type().kind().isPgvector();
    }

    /**
     * sparsevec when either operand is one, else halfvec when either is one, else vector (without
     * dimensions): pgvector's implicit casts go vector -> halfvec -> sparsevec.
     */
    private static SqlType family(List<BoundExpr> operands) {
        SqlType family = SqlType.VECTOR;
        for (BoundExpr e : operands) {
            if (e.type().kind() == TypeKind.SPARSEVEC) {
                return SqlType.SPARSEVEC;
            }
            if (e.type().kind() == TypeKind.HALFVEC) {
                family = SqlType.HALFVEC;
            }
        }
        return family;
    }

    /** The type a comparison of a vector with {@code other} is done in, or null when there is none. */
    static SqlType comparable(BoundExpr left, BoundExpr right) {
        return acceptsVector(left.type()) && acceptsVector(right.type()) ? family(List.of(left, right)) : null;
    }

    /** {@code <~>} (hamming) and {@code <%>} (jaccard) on bit strings (an untyped side read as bit). */
    static BoundExpr bitDistance(ExprBinder binder, Expr.Binary b, BoundExpr left, BoundExpr right) {
        if (!acceptsBit(left.type()) || !acceptsBit(right.type())
                || (left.type().kind() == TypeKind.UNKNOWN && right.type().kind() == TypeKind.UNKNOWN)) {
            throw binder.operatorDoesNotExist(b, left, right);
        }
        VectorFunction f = b.op() == Expr.BinaryOp.HAMMING_DISTANCE ? VectorFunction.HAMMING_DISTANCE
                : VectorFunction.JACCARD_DISTANCE;
        return new VectorFunctionExpr(f, List.of(binder.coerce(left, SqlType.VARBIT, b.left().pos()),
                binder.coerce(right, SqlType.VARBIT, b.right().pos())));
    }

    private static boolean acceptsBit(SqlType t) {
        return t.kind() == TypeKind.BIT || t.kind() == TypeKind.UNKNOWN;
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
        SqlType type = family(List.of(left, right));
        if (!acceptsVector(left.type()) || !acceptsVector(right.type()) || type.kind() == TypeKind.SPARSEVEC) {
            throw binder.operatorDoesNotExist(b, left, right);
        }
        return new VectorFunctionExpr(f, List.of(binder.coerce(left, type, b.left().pos()),
                binder.coerce(right, type, b.right().pos())));
    }

    static BoundExpr call(ExprBinder binder, VectorFunction f, List<BoundExpr> args, List<Expr> written,
                          Supplier<KyroException> noSuchFunction) {
        List<BoundExpr> coerced = new ArrayList<>();
        SqlType type = family(args);
        if (f.parameterType(0).kind() == TypeKind.BIT) {
            type = SqlType.VARBIT;
        } else if ((f.onlyVector() && type.kind() == TypeKind.HALFVEC)
                || (type.kind() == TypeKind.SPARSEVEC && !f.onSparse())) {
            throw noSuchFunction.get();
        }
        for (int i = 0; i < args.size(); i++) {
            TypeKind declared = f.parameterType(i).kind();
            SqlType want = declared == TypeKind.VECTOR || declared == TypeKind.BIT ? type : f.parameterType(i);
            SqlType got = args.get(i).type();
            boolean fits = want.kind() == TypeKind.BIT ? acceptsBit(got)
                    : want.kind().isPgvector() ? acceptsVector(got) : Casts.implicit(got, want);
            if (!fits) {
                throw noSuchFunction.get();
            }
            coerced.add(binder.coerce(args.get(i), want, written.get(i).pos()));
        }
        return new VectorFunctionExpr(f, List.copyOf(coerced));
    }

    private static boolean acceptsVector(SqlType t) {
        return t.kind().isPgvector() || t.kind() == TypeKind.UNKNOWN;
    }
}

package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

import java.util.List;

/**
 * A call of a {@link VectorFunction} (or a distance operator) on arguments already of its parameter
 * types, or on halfvecs where it takes vectors (then a vector result is a halfvec).
 */
public record VectorFunctionExpr(VectorFunction function, List<BoundExpr> arguments) implements BoundExpr {
    @Override
    public SqlType type() {
        if (function.resultType().kind() == TypeKind.VECTOR && onSparse()) {
            return SqlType.SPARSEVEC;
        }
        return function.resultType().kind() == TypeKind.VECTOR && onHalves() ? SqlType.HALFVEC : function.resultType();
    }

    private boolean onSparse() {
        for (BoundExpr a : arguments) {
            if (a.type().kind() == TypeKind.SPARSEVEC) {
                return true;
            }
        }
        return false;
    }

    private boolean onHalves() {
        for (BoundExpr a : arguments) {
            if (a.type().kind() == TypeKind.HALFVEC) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).eval(row, ctx);
            if (values[i] == null) {
                return null;
            }
        }
        if (values.length > 0 && values[0] instanceof io.kyrodb.engine.vector.SparseVector) {
            return function.applyToSparse(values);
        }
        return onHalves() ? function.applyToHalves(values) : function.apply(values);
    }
}

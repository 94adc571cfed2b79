package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;

/** Converts its operand's value to {@code type}; {@code explicit} for CAST/::, else an implicit or assignment cast. */
public record CastExpr(BoundExpr operand, SqlType type, boolean explicit) implements BoundExpr {
    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        return Casts.convert(io.kyrodb.engine.types.EnumLabels.refresh(operand.eval(row, ctx), operand.type()), type,
                explicit);
    }
}

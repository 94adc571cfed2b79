package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

public record NegateExpr(BoundExpr operand) implements BoundExpr {
    @Override
    public SqlType type() {
        return operand.type();
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object v = operand.eval(row, ctx);
        return switch (v) {
            case null -> null;
            case Double d -> -d;
            case Float f -> -f;
            case java.math.BigDecimal d -> d.negate();
            case io.kyrodb.engine.types.NumericSpecial s -> s.negate();
            case io.kyrodb.engine.types.Interval i -> io.kyrodb.engine.types.DateTimeText.negate(i);
            case Number n -> {
                long l = n.longValue();
                if (l == Long.MIN_VALUE) {
                    throw Values.outOfRange(type(), "-(" + l + ")");
                }
                yield Values.narrow(-l, type());
            }
            default -> throw new IllegalStateException("negate of " + v.getClass());
        };
    }
}

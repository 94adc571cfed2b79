package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.SqlType;

/** One aggregate in a query: {@code function([DISTINCT] argument)}; {@code argument} is null for COUNT(*). */
public record AggregateCall(AggregateFunction function, BoundExpr argument, boolean distinct, SqlType type) {
    Accumulator newAccumulator() {
        return new Accumulator(this);
    }
}

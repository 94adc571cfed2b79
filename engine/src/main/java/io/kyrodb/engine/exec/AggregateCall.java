package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.SqlType;

/**
 * One aggregate in a query: {@code function([DISTINCT] argument)}; {@code argument} is null for
 * COUNT(*). {@code separator}: string_agg's delimiter (a constant), null otherwise.
 */
public record AggregateCall(AggregateFunction function, BoundExpr argument, boolean distinct, SqlType type,
                            String separator) {
    public AggregateCall(AggregateFunction function, BoundExpr argument, boolean distinct, SqlType type) {
        this(function, argument, distinct, type, null);
    }

    Accumulator newAccumulator() {
        return new Accumulator(this);
    }
}

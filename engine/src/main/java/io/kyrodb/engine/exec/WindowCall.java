package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.SqlType;

import java.util.List;

/**
 * One window function call: {@code function(arguments) [FILTER (WHERE filter)] OVER (...)}.
 * {@code aggregate} is the aggregate for {@link WindowFunction#AGGREGATE} (its argument is the
 * call's), null otherwise. The partitioning and ordering belong to the {@link WindowNode}.
 */
public record WindowCall(WindowFunction function, List<BoundExpr> arguments, AggregateCall aggregate, BoundExpr filter,
                         WindowFrame frame, SqlType type) {
}

package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

import java.util.List;

/** Searched {@code CASE WHEN c THEN r ... ELSE e END}; results already converted to {@code type}. */
public record CaseExpr(List<BoundExpr> conditions, List<BoundExpr> results, BoundExpr elseResult, SqlType type)
        implements BoundExpr {
    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        for (int i = 0; i < conditions.size(); i++) {
            if (Boolean.TRUE.equals(conditions.get(i).eval(row, ctx))) {
                return results.get(i).eval(row, ctx);
            }
        }
        return elseResult == null ? null : elseResult.eval(row, ctx);
    }
}

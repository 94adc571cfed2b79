package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.JsonbFunction;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr;

import java.util.List;

/**
 * {@code jsonb_agg}, {@code json_agg}, {@code jsonb_object_agg} and {@code json_object_agg}: each
 * aggregates its arguments (values converted by {@code to_jsonb}/{@code to_json}) with {@code array_agg} (so DISTINCT, FILTER, ORDER BY and spilling work
 * as there) and builds the json value from the arrays once the group is complete. Like Postgres,
 * they give NULL over no rows.
 */
final class JsonAggregates {
    private JsonAggregates() {
    }

    static boolean isJsonAggregate(String name) {
        return switch (name) {
            case "jsonb_agg", "json_agg", "jsonb_object_agg", "json_object_agg" -> true;
            default -> false;
        };
    }

    /** The bound aggregate; {@code arrayAgg} binds an {@code array_agg} call in the same grouping. */
    static BoundExpr bind(ExprBinder binder, Expr.FunctionCall f, java.util.function.Function<Expr.FunctionCall, BoundExpr> arrayAgg) {
        boolean object = f.name().endsWith("object_agg");
        boolean jsonb = f.name().startsWith("jsonb");
        int arity = object ? 2 : 1;
        if (f.star() || f.arguments().size() != arity) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + " takes exactly " + arity
                    + (arity == 1 ? " argument" : " arguments"), f.pos());
        }
        if (!object) {
            BoundExpr values = arrayAgg.apply(arrayAgg(f, json(f, f.arguments().get(0), jsonb)));
            return new BuiltinExpr(jsonb ? JsonbFunction.AGG_JSONB : JsonbFunction.AGG_JSON, List.of(values),
                    jsonb ? SqlType.JSONB : SqlType.JSON);
        }
        if (f.distinct()) {
            throw binder.error(SqlState.SYNTAX_ERROR, "DISTINCT is not supported in " + f.name(), f.pos());
        }
        BoundExpr keys = arrayAgg.apply(arrayAgg(f, f.arguments().get(0)));
        BoundExpr values = arrayAgg.apply(arrayAgg(f, json(f, f.arguments().get(1), jsonb)));
        return new BuiltinExpr(jsonb ? JsonbFunction.OBJECT_AGG_JSONB : JsonbFunction.OBJECT_AGG_JSON,
                List.of(keys, values), jsonb ? SqlType.JSONB : SqlType.JSON);
    }

    private static Expr.FunctionCall arrayAgg(Expr.FunctionCall f, Expr argument) {
        return new Expr.FunctionCall(f.pos(), "array_agg", List.of(argument), f.distinct(), false, f.orderBy(),
                f.filter(), null);
    }

    /** The value as json(b) first, so any input (arrays of any shape included) aggregates as one element. */
    private static Expr json(Expr.FunctionCall f, Expr argument, boolean jsonb) {
        return new Expr.FunctionCall(argument.pos(), jsonb ? "to_jsonb" : "to_json", List.of(argument), false, false);
    }
}

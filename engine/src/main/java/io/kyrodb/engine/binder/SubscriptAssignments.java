package io.kyrodb.engine.binder;

import io.kyrodb.sql.ast.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SET c[k1][k2] = v} (UPDATE, ON CONFLICT DO UPDATE, MERGE) parses as {@code SET c =
 * kyro_subscript_set(c, v, k1, k2)} ({@link JsonbBinding}); the {@code c} inside is the target
 * row's column, so it is qualified with the target's name here: a column of the same name in
 * {@code excluded}, a FROM item or a MERGE source cannot take it (PostgreSQL reads it so).
 */
final class SubscriptAssignments {
    private SubscriptAssignments() {
    }

    /** {@code value}, with the assigned element's base column qualified by {@code target} (the target's name in scope). */
    static Expr qualified(Expr value, String target) {
        if (value instanceof Expr.FunctionCall f && f.name().equals("kyro_subscript_set")
                && !f.arguments().isEmpty() && f.arguments().getFirst() instanceof Expr.ColumnRef r && r.qualifier() == null) {
            List<Expr> args = new ArrayList<>(f.arguments());
            args.set(0, new Expr.ColumnRef(r.pos(), target, r.name()));
            return new Expr.FunctionCall(f.pos(), f.name(), List.copyOf(args), false, false);
        }
        return value;
    }
}

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
        if (value instanceof Expr.FunctionCall f && f.name().equals("kyro_subscript_set") && !f.arguments().isEmpty()) {
            Expr base = f.arguments().getFirst();
            Expr qualified = base instanceof Expr.ColumnRef r && r.qualifier() == null
                    ? new Expr.ColumnRef(r.pos(), target, r.name())
                    : qualified(base, target);   // SET c['a'] = 1, c['b'] = 2: the earlier element's setting
            List<Expr> args = new ArrayList<>(f.arguments());
            args.set(0, qualified);
            return new Expr.FunctionCall(f.pos(), f.name(), List.copyOf(args), false, false);
        }
        return value;
    }
}

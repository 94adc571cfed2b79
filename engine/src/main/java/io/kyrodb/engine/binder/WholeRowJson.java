package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.RowJson;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A FROM item's name as a function argument stands for its whole row, as in Postgres:
 * {@code row_to_json(t)}, {@code to_json(t)} and {@code to_jsonb(t)} build a JSON object of the
 * row's columns ({@link RowJson}); {@code jsonb_agg(t)} and {@code json_agg(t)} aggregate those, and
 * {@code jsonb_build_object} / {@code jsonb_build_array} nest them.
 * A column of the same name wins, as it does in Postgres. Only FROM items of this query level.
 */
final class WholeRowJson {
    private WholeRowJson() {
    }

    /**
     * jsonb_agg(t) / json_agg(t), jsonb_build_object(..., t, ...) / jsonb_build_array(..., t, ...) with
     * {@code t} a whole row: the call with to_jsonb(t) (row_to_json(t) for json_agg) in its place.
     */
    static Expr.FunctionCall aggregateArgument(ExprBinder binder, Expr.FunctionCall f) {
        String inner = switch (f.name()) {
            case "jsonb_agg", "jsonb_build_object", "jsonb_build_array" -> "to_jsonb";
            case "json_agg" -> "row_to_json";
            default -> null;
        };
        if (inner == null || f.name().endsWith("_agg") && f.arguments().size() != 1) {
            return f;
        }
        List<Expr> args = new ArrayList<>(f.arguments());
        boolean any = false;
        for (int i = 0; i < args.size(); i++) {
            Expr a = args.get(i);
            if (binder.wholeRow(a) != null) {
                args.set(i, new Expr.FunctionCall(a.pos(), inner, List.of(a), false, false));
                any = true;
            }
        }
        return any ? new Expr.FunctionCall(f.pos(), f.name(), List.copyOf(args), f.distinct(), f.star(), f.orderBy(),
                f.filter(), f.over()) : f;
    }

    /** row_to_json(t), to_json(t), to_jsonb(t) of a whole row, else null. */
    static BoundExpr bind(ExprBinder binder, Expr.FunctionCall f) {
        boolean jsonb = f.name().equals("to_jsonb");
        if (!jsonb && !f.name().equals("to_json") && !f.name().equals("row_to_json") || f.arguments().size() != 1
                || f.distinct() || f.star() || f.over() != null) {
            return null;
        }
        Scope.Entry entry = binder.wholeRow(f.arguments().get(0));
        if (entry == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        List<Boolean> raw = new ArrayList<>();
        List<BoundExpr> values = new ArrayList<>();
        for (Column c : entry.table().columns()) {
            BoundExpr v = binder.bind(new Expr.ColumnRef(f.arguments().get(0).pos(), entry.alias(), c.name()), null);
            names.add(c.name());
            raw.add(v.type().kind() == TypeKind.JSON);
            values.add(v);
        }
        return binder.nullWhenExtended(entry, new BuiltinExpr(new RowJson(List.copyOf(names), List.copyOf(raw), jsonb),
                List.copyOf(values), jsonb ? SqlType.JSONB : SqlType.JSON), values);
    }
}

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
 * row's columns ({@link RowJson}); {@code jsonb_agg(t)} and {@code json_agg(t)} aggregate those.
 * A column of the same name wins, as it does in Postgres. Only FROM items of this query level.
 */
final class WholeRowJson {
    private WholeRowJson() {
    }

    /** jsonb_agg(t) / json_agg(t) with {@code t} a whole row: the call with to_jsonb(t) / row_to_json(t) inside. */
    static Expr.FunctionCall aggregateArgument(ExprBinder binder, Expr.FunctionCall f) {
        if ((f.name().equals("jsonb_agg") || f.name().equals("json_agg")) && f.arguments().size() == 1
                && binder.wholeRow(f.arguments().get(0)) != null) {
            Expr row = f.arguments().get(0);
            Expr inner = new Expr.FunctionCall(row.pos(), f.name().equals("jsonb_agg") ? "to_jsonb" : "row_to_json",
                    List.of(row), false, false);
            return new Expr.FunctionCall(f.pos(), f.name(), List.of(inner), f.distinct(), f.star(), f.orderBy(),
                    f.filter(), f.over());
        }
        return f;
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
        return new BuiltinExpr(new RowJson(List.copyOf(names), List.copyOf(raw), jsonb), List.copyOf(values),
                jsonb ? SqlType.JSONB : SqlType.JSON);
    }
}

package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * regexp_matches(s, re [, flags]), PostgreSQL's set-returning function (one text[] row per match,
 * all matches with flag g, else the first), written with the engine's scalar halves:
 * {@code regexp_matches_at(s, re, flags, generate_series(1, regexp_matches_count(s, re, flags)))}
 * in an expression, and in FROM the LATERAL subquery doing the same, its column named
 * regexp_matches (or the alias) as in PostgreSQL.
 */
final class RegexpMatches {
    static final String NAME = "regexp_matches";

    private RegexpMatches() {
    }

    /** The select-list form; {@code f} itself when it is no plain call of regexp_matches. */
    static Expr expression(Expr.FunctionCall f) {
        if (!f.name().equals(NAME) || f.over() != null || f.filter() != null || f.distinct() || !f.orderBy().isEmpty()
                || f.arguments().size() < 2 || f.arguments().size() > 3
                || f.arguments().stream().anyMatch(a -> a instanceof Expr.NamedArgument)) {
            return f;
        }
        Pos pos = f.pos();
        List<Expr> args = withFlags(f.arguments(), pos);
        Expr count = new Expr.FunctionCall(pos, "regexp_matches_count", args, false, false);
        Expr n = new Expr.FunctionCall(pos, "generate_series", List.of(new Expr.Literal(pos, Expr.LiteralKind.INTEGER, "1"),
                count), false, false);
        List<Expr> at = new ArrayList<>(args);
        at.add(n);
        return new Expr.FunctionCall(pos, "regexp_matches_at", at, false, false);
    }

    /** The FROM form, or null when {@code name} is not regexp_matches or the call has another shape. */
    static FromItem fromItem(Pos pos, String name, List<Expr> arguments, String alias, List<String> columns,
                             boolean ordinality) {
        if (!name.equals(NAME) || ordinality || arguments.size() < 2 || arguments.size() > 3 || columns.size() > 1
                || arguments.stream().anyMatch(a -> a instanceof Expr.NamedArgument)) {
            return null;
        }
        List<Expr> args = withFlags(arguments, pos);
        Expr count = new Expr.FunctionCall(pos, "regexp_matches_count", args, false, false);
        FromItem series = new FromItem.FunctionCall(pos, "generate_series", List.of(
                new Expr.Literal(pos, Expr.LiteralKind.INTEGER, "1"), count), "$n", List.of("n"));
        List<Expr> at = new ArrayList<>(args);
        at.add(new Expr.ColumnRef(pos, "$n", "n"));
        String label = alias == null ? NAME : alias;
        Statement.Select select = new Statement.Select(pos, false, List.of(new Statement.SelectExpression(pos,
                new Expr.FunctionCall(pos, "regexp_matches_at", at, false, false), NAME)), List.of(series), null,
                List.of(), null, List.of(), null, null);
        return new Statement.DerivedTable(pos, select, label, columns.isEmpty() ? List.of(label) : columns, true);
    }

    private static List<Expr> withFlags(List<Expr> arguments, Pos pos) {
        List<Expr> args = new ArrayList<>(arguments);
        if (args.size() == 2) {
            args.add(new Expr.Literal(pos, Expr.LiteralKind.STRING, ""));
        }
        return args;
    }
}

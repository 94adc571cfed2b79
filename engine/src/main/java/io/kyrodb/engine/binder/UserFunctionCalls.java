package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.SqlParser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Calls of CREATE FUNCTION's functions: the overload is chosen as PostgreSQL chooses (positional
 * and named arguments, defaults for the trailing ones, argument types that convert implicitly,
 * the most exact matches winning; 42883 when none fits, 42725 when two fit as well), then the
 * call is its language's query: a correlated scalar subquery in an expression, a derived table in
 * FROM. A user function of a built-in's name is found first, wherever its schema is on the path.
 */
final class UserFunctionCalls {
    private UserFunctionCalls() {
    }

    /** The functions {@code name} names: in its schema, or in the first schema of the search_path that has one. */
    static List<UserFunction> named(Binder binder, QualifiedName name) {
        Catalog catalog = binder.catalog();
        if (name.schema() != null) {
            return catalog.functions(SchemaNames.key(binder.schemaOf(name), name.name()));
        }
        String key = binder.searchPath().find(catalog, name.name(), k -> !catalog.functions(k).isEmpty());
        return key == null ? List.of() : catalog.functions(key);
    }

    static List<UserFunction> named(Binder binder, String name, Pos pos) {
        if (binder.catalog().functions().isEmpty()) {
            return List.of();
        }
        int dot = name.indexOf('.');   // s.f(...): the grammar keeps a schema other than pg_catalog in the name
        return named(binder, dot < 0 ? new QualifiedName(pos, null, name)
                : new QualifiedName(pos, name.substring(0, dot), name.substring(dot + 1)));
    }

    /** {@code f(args)} in an expression, or null when no user function has that name. */
    static BoundExpr call(Binder binder, ExprBinder expressions, Expr.FunctionCall f) {
        if (f.star() || f.over() != null || f.distinct() || f.filter() != null || f.withinGroup()) {
            return null;
        }
        List<UserFunction> candidates = named(binder, f.name(), f.pos());
        if (candidates.isEmpty()) {
            return null;
        }
        Resolved r = resolve(binder, candidates, f.name(), f.arguments(), e -> expressions.bind(e, null).type(), f.pos());
        ProcedureCall.check(binder, r.function(), f.pos());
        if (r.function().returnsTrigger()) {
            throw binder.error(SqlState.FEATURE_NOT_SUPPORTED, "trigger functions can only be called as triggers", f.pos());
        }
        if (r.function().returnsSet()) {
            throw binder.error(SqlState.SYNTAX_ERROR, "set-returning function " + r.function().signature()
                    + " is called in FROM (SELECT * FROM " + f.name() + "(...))", f.pos());
        }
        FunctionLanguage language = FunctionLanguages.find(binder, r.function().language(), f.pos());
        int depth = DEPTH.get();
        if (depth >= MAX_DEPTH) {
            throw binder.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "function " + r.function().signature()
                    + " calls functions more than " + MAX_DEPTH + " levels deep (a recursive SQL function?)", f.pos());
        }
        DEPTH.set(depth + 1);
        try {
            BoundExpr direct = language.bind(binder, expressions, r.function(), r.arguments(), f.pos());
            if (direct != null) {
                return direct;
            }
            Expr inlined = SqlFunctionInlining.inline(r.function(), r.arguments(), f.pos());
            if (inlined != null) {
                return expressions.bind(inlined, null);
            }
            return expressions.bind(new Expr.Subquery(f.pos(), language.call(r.function(), r.arguments(), f.pos())), null);
        } finally {
            DEPTH.set(depth);
        }
    }

    /** How deep calls nest while one statement is bound: a recursive SQL function would never end. */
    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);
    private static final int MAX_DEPTH = 64;

    /** {@code f(args) [AS alias [(columns)]]} in FROM as the derived table it stands for, or null when no user function has that name. */
    static Statement.DerivedTable fromItem(Binder binder, FromItem.FunctionCall call, Function<Expr, SqlType> typeOf) {
        if (call.name().equals(FromItem.FunctionCall.ROWS_FROM) || call.ordinality()) {
            return null;
        }
        List<UserFunction> candidates = named(binder, call.name(), call.pos());
        if (candidates.isEmpty()) {
            return null;
        }
        Resolved r = resolve(binder, candidates, call.name(), call.arguments(), typeOf, call.pos());
        UserFunction f = r.function();
        ProcedureCall.check(binder, f, call.pos());
        if (f.returnsTrigger()) {
            throw binder.error(SqlState.FEATURE_NOT_SUPPORTED, "trigger functions can only be called as triggers",
                    call.pos());
        }
        Statement.Query query = FunctionLanguages.find(binder, f.language(), call.pos()).call(f, r.arguments(), call.pos());
        String alias = call.alias() != null ? call.alias() : call.name();
        List<String> columns = new ArrayList<>(call.columns());
        if (columns.isEmpty()) {
            if (!f.tableColumns().isEmpty()) {
                f.tableColumns().forEach(c -> columns.add(c.name()));
            } else if (f.returnType() != null && f.returnType().kind() != TypeKind.RECORD) {
                columns.add(alias);   // a function of one value: its column is named after it (or its alias)
            }
        }
        return new Statement.DerivedTable(call.pos(), query, alias, List.copyOf(columns), false);
    }

    /** The chosen function and its arguments in parameter order, defaults filled in. */
    record Resolved(UserFunction function, List<Expr> arguments) {
    }

    static Resolved resolve(Binder binder, List<UserFunction> candidates, String name, List<Expr> written,
                            Function<Expr, SqlType> typeOf, Pos pos) {
        int positional = 0;
        while (positional < written.size() && !(written.get(positional) instanceof Expr.NamedArgument)) {
            positional++;
        }
        List<SqlType> types = new ArrayList<>();
        for (Expr e : written) {
            types.add(typeOf.apply(e instanceof Expr.NamedArgument n ? n.value() : e));
        }
        boolean passWhole = !written.isEmpty() && written.get(written.size() - 1) instanceof Expr.NamedArgument v
                && v.name().equals(Expr.NamedArgument.VARIADIC);
        Resolved best = null;
        int bestScore = -1;
        boolean bestExpanded = false;
        boolean tie = false;
        for (UserFunction f : candidates) {
            if (passWhole && (!f.variadic() || positional != written.size() - 1)) {
                continue;   // VARIADIC array: only for a variadic parameter, after the positional arguments
            }
            Expr[] slots = new Expr[f.arguments().size()];
            SqlType[] slotTypes = new SqlType[slots.length];
            // a variadic function called with separate values: those from its last parameter on make its array
            int last = slots.length - 1;
            boolean expanded = f.variadic() && !passWhole && positional > last;
            int elements = expanded ? positional - last : 0;
            boolean fits = positional - elements <= slots.length;
            for (int i = 0; fits && i < written.size(); i++) {
                if (expanded && i >= last && i < positional) {
                    continue;
                }
                int at = i;
                Expr value = written.get(i);
                if (value instanceof Expr.NamedArgument n && !n.name().equals(Expr.NamedArgument.VARIADIC)) {
                    at = -1;
                    for (int j = 0; j < slots.length; j++) {
                        if (n.name().equals(f.arguments().get(j).name())) {
                            at = j;
                        }
                    }
                    fits = !(f.variadic() && at == last);   // PostgreSQL: a variadic one by name needs VARIADIC
                } else if (value instanceof Expr.NamedArgument n) {
                    at = last;
                }
                if (value instanceof Expr.NamedArgument n) {
                    value = n.value();
                }
                fits = fits && at >= 0 && at < slots.length && slots[at] == null;
                if (fits) {
                    slots[at] = value;
                    slotTypes[at] = types.get(i);
                }
            }
            int score = 0;
            if (fits && expanded) {
                SqlType element = f.arguments().get(last).type().element();
                List<Expr> items = new ArrayList<>();
                for (int i = last; fits && i < positional; i++) {
                    int s = matchScore(types.get(i), element);
                    fits = s >= 0;
                    score += Math.max(s, 0);
                    items.add(new Expr.Cast(written.get(i).pos(), written.get(i),
                            SqlFunctionLanguage.typeName(element, written.get(i).pos())));
                }
                slots[last] = new Expr.ArrayConstructor(written.get(last).pos(), List.copyOf(items));
                slotTypes[last] = f.arguments().get(last).type();
            }
            for (int j = 0; fits && j < slots.length; j++) {
                SqlType want = f.arguments().get(j).type();
                if (slots[j] == null) {
                    fits = f.arguments().get(j).defaultText() != null;
                    if (fits) {
                        slots[j] = SqlParser.parseExpression(f.arguments().get(j).defaultText());
                    }
                } else if (expanded && j == last) {
                    continue;   // scored above, value by value
                } else {
                    int s = matchScore(slotTypes[j], want);
                    fits = s >= 0;
                    score += Math.max(s, 0);
                }
            }
            if (!fits) {
                continue;
            }
            if (score > bestScore || (score == bestScore && bestExpanded && !expanded)) {
                best = new Resolved(f, List.of(slots));
                bestScore = score;
                bestExpanded = expanded;
                tie = false;
            } else if (score == bestScore && !(expanded && !bestExpanded)) {
                tie = true;
            }
        }
        String shown = name + "(" + String.join(", ", types.stream()
                .map(t -> t.kind() == TypeKind.UNKNOWN ? "unknown" : UserFunction.typeName(t)).toList()) + ")";
        if (best == null) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + shown + " does not exist", pos);
        }
        if (tie) {
            throw binder.error(SqlState.AMBIGUOUS_FUNCTION, "function " + shown + " is not unique", pos);
        }
        return best;
    }

    /**
     * How well a value of type {@code have} fits a parameter of type {@code want}: 1000 exactly, 1 or 0
     * an unknown literal (a string type first, PostgreSQL's last rule), 0 by implicit cast, -1 not at all.
     */
    private static int matchScore(SqlType have, SqlType want) {
        if (have.kind() == want.kind() && (!want.isArray() || have.element().kind() == want.element().kind())) {
            return 1000;
        }
        if (have.kind() == TypeKind.UNKNOWN) {
            return want.kind() == TypeKind.TEXT || want.kind() == TypeKind.VARCHAR ? 1 : 0;
        }
        return Casts.implicit(have, want) ? 0 : -1;
    }
}

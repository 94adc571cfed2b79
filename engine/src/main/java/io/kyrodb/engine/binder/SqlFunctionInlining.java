package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * A scalar SQL function whose body is {@code SELECT expr} (no FROM, WHERE, GROUP BY ...) is inlined
 * as PostgreSQL inlines it: the call becomes {@code CAST(expr AS rettype)} with each parameter
 * replaced by its argument (cast to the parameter's type), bound and run as part of the calling
 * expression, so no subquery runs per row. STRICT adds {@code CASE WHEN arg IS NULL ... THEN NULL}.
 * Null when the body has another shape or holds what is not substituted here (subqueries, window
 * or aggregate calls): the call then runs as its query.
 */
final class SqlFunctionInlining {
    private final UserFunction function;
    private final List<Expr> arguments;

    private SqlFunctionInlining(UserFunction function, List<Expr> arguments) {
        this.function = function;
        this.arguments = arguments;
    }

    static Expr inline(UserFunction f, List<Expr> arguments, Pos pos) {
        if (!f.language().equals("sql") || f.returnsSet() || f.returnType() == null
                || f.returnType().kind() == io.kyrodb.engine.types.TypeKind.RECORD) {
            return null;
        }
        Statement.Query body;
        try {
            body = SqlFunctionLanguage.body(f, null, pos);
        } catch (RuntimeException e) {
            return null;
        }
        if (!(body instanceof Statement.Select s) || !s.from().isEmpty() || s.where() != null || !s.groupBy().isEmpty()
                || s.having() != null || s.distinct() || s.limit() != null || s.offset() != null || s.items().size() != 1
                || !s.windows().isEmpty() || !s.distinctOn().isEmpty()
                || !(s.items().get(0) instanceof Statement.SelectExpression item)) {
            return null;
        }
        List<Expr> casts = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            casts.add(new Expr.Cast(pos, arguments.get(i), SqlFunctionLanguage.typeName(f.arguments().get(i).type(), pos)));
        }
        Expr inlined = new SqlFunctionInlining(f, casts).substitute(item.expr());
        if (inlined == null) {
            return null;
        }
        Expr value = new Expr.Cast(pos, inlined, SqlFunctionLanguage.typeName(f.returnType(), pos));
        if (!f.strict() || arguments.isEmpty()) {
            return value;
        }
        Expr anyNull = null;
        for (Expr a : casts) {
            Expr isNull = new Expr.IsNull(pos, a, false);
            anyNull = anyNull == null ? isNull : new Expr.Binary(pos, Expr.BinaryOp.OR, anyNull, isNull);
        }
        return new Expr.Case(pos, null, List.of(new Expr.When(anyNull, new Expr.Cast(pos,
                new Expr.Literal(pos, Expr.LiteralKind.NULL, null), SqlFunctionLanguage.typeName(f.returnType(), pos)))),
                value);
    }

    /** {@code e} with the parameters replaced, or null when it holds something not substituted here. */
    private Expr substitute(Expr e) {
        return switch (e) {
            case null -> null;
            case Expr.Literal l -> l;
            case Expr.ColumnRef c -> parameter(c);
            case Expr.Unary u -> map(u.operand(), x -> new Expr.Unary(u.pos(), u.op(), x));
            case Expr.Binary b -> both(b.left(), b.right(), (l, r) -> new Expr.Binary(b.pos(), b.op(), l, r));
            case Expr.IsNull n -> map(n.operand(), x -> new Expr.IsNull(n.pos(), x, n.negated()));
            case Expr.IsBoolean b -> map(b.operand(), x -> new Expr.IsBoolean(b.pos(), x, b.value(), b.negated()));
            case Expr.Cast c -> map(c.operand(), x -> new Expr.Cast(c.pos(), x, c.type()));
            case Expr.IsDistinctFrom d -> both(d.left(), d.right(), (l, r) -> new Expr.IsDistinctFrom(d.pos(), l, r, d.negated()));
            case Expr.RegexMatch r -> both(r.value(), r.pattern(),
                    (v, p) -> new Expr.RegexMatch(r.pos(), v, p, r.caseInsensitive(), r.negated()));
            case Expr.Between b -> {
                Expr v = substitute(b.value());
                Expr lo = substitute(b.low());
                Expr hi = substitute(b.high());
                yield v == null || lo == null || hi == null ? null : new Expr.Between(b.pos(), v, lo, hi, b.negated());
            }
            case Expr.InList in -> {
                Expr v = substitute(in.value());
                List<Expr> list = all(in.list());
                yield v == null || list == null ? null : new Expr.InList(in.pos(), v, list, in.negated());
            }
            case Expr.Case c -> {
                Expr operand = c.operand() == null ? null : substitute(c.operand());
                List<Expr.When> whens = new ArrayList<>();
                for (Expr.When w : c.whens()) {
                    Expr cond = substitute(w.condition());
                    Expr result = substitute(w.result());
                    if (cond == null || result == null) {
                        yield null;
                    }
                    whens.add(new Expr.When(cond, result));
                }
                Expr otherwise = c.elseResult() == null ? null : substitute(c.elseResult());
                if (c.operand() != null && operand == null || c.elseResult() != null && otherwise == null) {
                    yield null;
                }
                yield new Expr.Case(c.pos(), operand, whens, otherwise);
            }
            case Expr.FunctionCall f -> {
                if (f.over() != null || f.filter() != null || f.withinGroup() || f.distinct() || f.star()
                        || !f.orderBy().isEmpty() || ExprBinder.isAggregate(f.name())) {
                    yield null;
                }
                List<Expr> args = all(f.arguments());
                yield args == null ? null : new Expr.FunctionCall(f.pos(), f.name(), args, false, false);
            }
            case Expr.NamedArgument n -> map(n.value(), x -> new Expr.NamedArgument(n.pos(), n.name(), x));
            case Expr.ArrayConstructor a -> {
                List<Expr> elements = all(a.elements());
                yield elements == null ? null : new Expr.ArrayConstructor(a.pos(), elements);
            }
            case Expr.FieldSelection f -> map(f.record(), x -> new Expr.FieldSelection(f.pos(), x, f.field()));
            default -> null;
        };
    }

    /** A body's {@code "$args"."$n"} or a parameter's name: the argument; another column: not inlined. */
    private Expr parameter(Expr.ColumnRef c) {
        if (SqlFunctionLanguage.ARGS.equals(c.qualifier()) && c.name().startsWith("$")) {
            int n = Integer.parseInt(c.name().substring(1));
            return n >= 1 && n <= arguments.size() ? arguments.get(n - 1) : null;
        }
        if (c.qualifier() == null) {
            for (int i = 0; i < function.arguments().size(); i++) {
                if (c.name().equals(function.arguments().get(i).name())) {
                    return arguments.get(i);
                }
            }
        }
        return null;
    }

    private Expr map(Expr operand, java.util.function.UnaryOperator<Expr> rebuild) {
        Expr x = substitute(operand);
        return x == null ? null : rebuild.apply(x);
    }

    private Expr both(Expr left, Expr right, java.util.function.BinaryOperator<Expr> rebuild) {
        Expr l = substitute(left);
        Expr r = substitute(right);
        return l == null || r == null ? null : rebuild.apply(l, r);
    }

    private List<Expr> all(List<Expr> list) {
        List<Expr> out = new ArrayList<>();
        for (Expr x : list) {
            Expr s = substitute(x);
            if (s == null) {
                return null;
            }
            out.add(s);
        }
        return out;
    }
}

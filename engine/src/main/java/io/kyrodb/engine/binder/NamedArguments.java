package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.TypeName;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Named and mixed call notation ({@code make_interval(days => 1)}, {@code jsonb_set(j, p, v,
 * create_if_missing => false)}): puts each named argument in its parameter's place and fills the
 * parameters left out with their defaults, so the rest of the binder sees an ordinary positional
 * call. The parameter names and defaults are PostgreSQL 15's ({@code pg_proc.proargnames}) for the
 * built-ins that have them; a name no parameter of the function has, or a function without named
 * parameters, is 42883 worded as PostgreSQL words it ({@code function make_interval(yrs => integer)
 * does not exist}).
 */
final class NamedArguments {
    /** A parameter; {@code fallback} is its default, null when it must be given, {@link #OMITTED} when an overload lacks it. */
    private record Param(String name, Expr fallback) {
    }

    private static final Pos NOWHERE = new Pos(0, 0, 0);
    private static final Expr OMITTED = new Expr.Literal(NOWHERE, Expr.LiteralKind.NULL, null);

    private static final Map<String, List<Param>> SIGNATURES = signatures();

    private NamedArguments() {
    }

    /** {@code call} with positional arguments only; {@code call} itself when it has no named one. */
    static Expr.FunctionCall positional(ExprBinder binder, Expr.FunctionCall call) {
        if (call.arguments().stream().noneMatch(a -> a instanceof Expr.NamedArgument)) {
            return call;
        }
        List<Expr> arguments = positional(call.name(), call.arguments());
        if (arguments == null) {
            throw noSuchFunction(binder, call);
        }
        return new Expr.FunctionCall(call.pos(), call.name(), arguments, call.distinct(), call.star(), call.orderBy(),
                call.filter(), call.over(), call.withinGroup());
    }

    /** The arguments in parameter order, or null when they do not fit the function's parameters. */
    static List<Expr> positional(String function, List<Expr> written) {
        List<Param> params = SIGNATURES.get(function);
        if (params == null) {
            return null;
        }
        Expr[] placed = new Expr[params.size()];
        int positional = 0;
        for (Expr a : written) {
            if (a instanceof Expr.NamedArgument named) {
                int i = indexOf(params, named.name());
                if (i < positional) {   // unknown, or already given by position
                    return null;
                }
                placed[i] = named.value();
            } else {
                if (positional >= placed.length) {
                    return null;
                }
                placed[positional++] = a;
            }
        }
        int end = placed.length;
        while (end > 0 && placed[end - 1] == null && params.get(end - 1).fallback() == OMITTED) {
            end--;   // an overload without the trailing parameters (make_timestamptz without timezone)
        }
        List<Expr> out = new ArrayList<>(end);
        for (int i = 0; i < end; i++) {
            Expr a = placed[i] != null ? placed[i] : params.get(i).fallback();
            if (a == null || a == OMITTED) {
                return null;
            }
            out.add(a);
        }
        return out;
    }

    private static int indexOf(List<Param> params, String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static io.kyrodb.engine.KyroException noSuchFunction(ExprBinder binder, Expr.FunctionCall call) {
        List<String> shown = new ArrayList<>();
        for (Expr a : call.arguments()) {
            if (a instanceof Expr.NamedArgument named) {
                BoundExpr value = binder.bind(named.value(), null);
                shown.add(named.name() + " => " + value.type().displayName());
            } else {
                shown.add(binder.bind(a, null).type().displayName());
            }
        }
        return binder.error(SqlState.UNDEFINED_FUNCTION, "function " + call.name() + "(" + String.join(", ", shown)
                + ") does not exist", call.pos());
    }

    private static Map<String, List<Param>> signatures() {
        Expr zero = new Expr.Literal(NOWHERE, Expr.LiteralKind.INTEGER, "0");
        Expr zeroSeconds = new Expr.Cast(NOWHERE, zero, new TypeName(NOWHERE, "double precision", List.of()));
        Expr emptyVars = new Expr.Cast(NOWHERE, new Expr.Literal(NOWHERE, Expr.LiteralKind.STRING, "{}"),
                new TypeName(NOWHERE, "jsonb", List.of()));
        Expr yes = new Expr.Literal(NOWHERE, Expr.LiteralKind.BOOLEAN, Boolean.TRUE);
        Expr no = new Expr.Literal(NOWHERE, Expr.LiteralKind.BOOLEAN, Boolean.FALSE);
        List<Param> path = List.of(required("target"), required("path"), new Param("vars", emptyVars),
                new Param("silent", no));
        List<Param> fromJson = List.of(required("from_json"));
        return Map.ofEntries(
                Map.entry("make_interval", List.of(new Param("years", zero), new Param("months", zero),
                        new Param("weeks", zero), new Param("days", zero), new Param("hours", zero),
                        new Param("mins", zero), new Param("secs", zeroSeconds))),
                Map.entry("make_date", required("year", "month", "day")),
                Map.entry("make_time", required("hour", "min", "sec")),
                Map.entry("make_timestamp", required("year", "month", "mday", "hour", "min", "sec")),
                Map.entry("make_timestamptz", concat(required("year", "month", "mday", "hour", "min", "sec"),
                        new Param("timezone", OMITTED))),
                Map.entry("jsonb_set", concat(required("jsonb_in", "path", "replacement"),
                        new Param("create_if_missing", yes))),
                Map.entry("jsonb_insert", concat(required("jsonb_in", "path", "replacement"),
                        new Param("insert_after", no))),
                Map.entry("jsonb_path_exists", path), Map.entry("jsonb_path_match", path),
                Map.entry("jsonb_path_query", path), Map.entry("jsonb_path_query_array", path),
                Map.entry("jsonb_path_query_first", path),
                Map.entry("jsonb_each", fromJson), Map.entry("jsonb_each_text", fromJson),
                Map.entry("jsonb_array_elements", fromJson), Map.entry("jsonb_array_elements_text", fromJson),
                Map.entry("json_each", fromJson), Map.entry("json_each_text", fromJson),
                Map.entry("json_array_elements", fromJson), Map.entry("json_array_elements_text", fromJson));
    }

    private static Param required(String name) {
        return new Param(name, null);
    }

    private static List<Param> required(String... names) {
        return Arrays.stream(names).map(NamedArguments::required).toList();
    }

    private static List<Param> concat(List<Param> first, Param last) {
        List<Param> out = new ArrayList<>(first);
        out.add(last);
        return List.copyOf(out);
    }
}

package io.kyrodb.engine.binder;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.ContainerFunction;
import io.kyrodb.engine.expr.ContainerFunctionExpr;
import io.kyrodb.engine.expr.ExtraFunction;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds {@code pg_typeof(any)} (the argument's type name, as PostgreSQL prints a regtype: {@code
 * integer}, {@code character varying}, {@code numeric}, {@code text[]}; typed text here),
 * {@code similar_to_escape(pattern [, escape])}, {@code gcd}/{@code lcm} (smallint and integer
 * as integer, bigint, numeric), {@code factorial(bigint)} (numeric) and {@code
 * width_bucket(operand, low, high, count)} (double precision or numeric), {@code div}, {@code scale},
 * {@code min_scale}, {@code trim_scale} (numeric), {@code num_nulls} and {@code num_nonnulls} (any
 * arguments). Null when {@code f} is
 * none of them; 42883 when its arguments fit no form.
 */
final class SqlStandardFunctions {
    private SqlStandardFunctions() {
    }

    static BoundExpr call(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        int n = args.size();
        return switch (f.name()) {
            case "pg_typeof" -> {
                require(binder, f, args, n == 1);
                yield new ConstExpr(typeName(args.get(0).type()), SqlType.TEXT);
            }
            case "enum_first", "enum_last", "enum_range" -> EnumFunctions.bind(binder, f, args);
            case "similar_to_escape" -> {
                require(binder, f, args, (n == 1 || n == 2) && args.stream().allMatch(a -> textLike(a.type())));
                yield new BuiltinExpr(ExtraFunction.SIMILAR_TO_ESCAPE, coerceAll(binder, f, args, SqlType.TEXT), SqlType.TEXT);
            }
            case "gcd", "lcm" -> {
                require(binder, f, args, n == 2 && args.stream().allMatch(a -> exactNumber(a.type())));
                SqlType t = widest(args);
                yield new BuiltinExpr(f.name().equals("gcd") ? ExtraFunction.GCD : ExtraFunction.LCM,
                        coerceAll(binder, f, args, t), t);
            }
            case "factorial" -> {
                require(binder, f, args, n == 1 && (args.get(0).type().kind().isInteger() || unknown(args.get(0))));
                yield new BuiltinExpr(ExtraFunction.FACTORIAL, coerceAll(binder, f, args, SqlType.BIGINT), SqlType.NUMERIC);
            }
            case "width_bucket" -> {
                if (n == 2 && (args.get(1).type().isArray() || unknown(args.get(1)))) {   // (anycompatible, anycompatiblearray)
                    SqlType element = args.get(1).type().isArray() ? args.get(1).type().element() : args.get(0).type();
                    SqlType common = Casts.common(args.get(0).type(), element);
                    require(binder, f, args, common != null && !common.isArray() && common.kind() != TypeKind.UNKNOWN);
                    yield new ContainerFunctionExpr(ContainerFunction.WIDTH_BUCKET, List.of(
                            binder.coerce(args.get(0), common, f.arguments().get(0).pos()),
                            binder.coerce(args.get(1), SqlType.arrayOf(common), f.arguments().get(1).pos())),
                            SqlType.INTEGER);
                }
                require(binder, f, args, n == 4 && args.subList(0, 3).stream().allMatch(a -> number(a.type()))
                        && (args.get(3).type().kind().isInteger() || unknown(args.get(3))));
                boolean numeric = args.subList(0, 3).stream().anyMatch(a -> a.type().kind() == TypeKind.NUMERIC)
                        && args.subList(0, 3).stream().noneMatch(a -> a.type().kind().isFloat());
                SqlType t = numeric ? SqlType.NUMERIC : SqlType.DOUBLE;
                List<BoundExpr> converted = new ArrayList<>(coerceAll(binder, f, args.subList(0, 3), t));
                converted.add(binder.coerce(args.get(3), SqlType.INTEGER, f.arguments().get(3).pos()));
                yield new BuiltinExpr(ExtraFunction.WIDTH_BUCKET, List.copyOf(converted), SqlType.INTEGER);
            }
            case "div" -> {
                require(binder, f, args, n == 2 && args.stream().allMatch(a -> exactNumber(a.type())));
                yield new BuiltinExpr(ExtraFunction.DIV, coerceAll(binder, f, args, SqlType.NUMERIC), SqlType.NUMERIC);
            }
            case "scale", "min_scale", "trim_scale" -> {
                require(binder, f, args, n == 1 && exactNumber(args.get(0).type()));
                ExtraFunction fn = switch (f.name()) {
                    case "scale" -> ExtraFunction.SCALE;
                    case "min_scale" -> ExtraFunction.MIN_SCALE;
                    default -> ExtraFunction.TRIM_SCALE;
                };
                yield new BuiltinExpr(fn, coerceAll(binder, f, args, SqlType.NUMERIC),
                        fn == ExtraFunction.TRIM_SCALE ? SqlType.NUMERIC : SqlType.INTEGER);
            }
            case "num_nulls", "num_nonnulls" -> {
                require(binder, f, args, n > 0);
                yield new BuiltinExpr(f.name().equals("num_nulls") ? ExtraFunction.NUM_NULLS : ExtraFunction.NUM_NONNULLS,
                        args, SqlType.INTEGER);
            }
            case "json_build_object", "json_build_array" -> jsonBuild(binder, f, args);
            case "overlay" -> {
                require(binder, f, args, (n == 3 || n == 4) && textLike(args.get(0).type()) && textLike(args.get(1).type())
                        && args.subList(2, n).stream().allMatch(a -> a.type().kind().isInteger() || unknown(a)));
                List<BoundExpr> converted = new ArrayList<>(coerceAll(binder, f, args.subList(0, 2), SqlType.TEXT));
                for (int i = 2; i < n; i++) {
                    converted.add(binder.coerce(args.get(i), SqlType.INTEGER, f.arguments().get(i).pos()));
                }
                yield new BuiltinExpr(ExtraFunction.OVERLAY, List.copyOf(converted), SqlType.TEXT);
            }
            case "substring" -> {   // the regular-expression forms; the others are FunctionCalls'
                if (n < 2 || n > 3 || !args.stream().allMatch(a -> textLike(a.type()))
                        || args.get(1).type().kind() != TypeKind.UNKNOWN && !args.get(1).type().kind().isText()) {
                    yield null;
                }
                yield new BuiltinExpr(n == 2 ? ExtraFunction.REGEX_SUBSTRING : ExtraFunction.SIMILAR_SUBSTRING,
                        coerceAll(binder, f, args, SqlType.TEXT), SqlType.TEXT);
            }
            default -> null;
        };
    }

    /**
     * json_build_object / json_build_array: any argument types; untyped literals are text; object
     * keys are shown as text (scalars only) and values converted as to_json does (json values kept).
     */
    private static BoundExpr jsonBuild(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        boolean object = f.name().equals("json_build_object");
        if (object && args.size() % 2 != 0) {
            throw binder.error(io.kyrodb.engine.SqlState.INVALID_PARAMETER_VALUE,
                    "argument list must have even number of elements", f.pos());
        }
        List<BoundExpr> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            BoundExpr a = args.get(i);
            io.kyrodb.sql.ast.Pos pos = f.arguments().get(i).pos();
            if (a.type().kind() == TypeKind.UNKNOWN) {
                a = binder.coerce(a, SqlType.TEXT, pos);
            }
            if (object && i % 2 == 0) {
                TypeKind k = a.type().kind();
                if (a.type().isArray() || k == TypeKind.JSON || k == TypeKind.JSONB) {
                    throw binder.error(io.kyrodb.engine.SqlState.INVALID_PARAMETER_VALUE,
                            "key value must be scalar, not array, composite, or json", pos);
                }
                converted.add(k.isText() ? a : new io.kyrodb.engine.expr.CastExpr(a, SqlType.TEXT, true));
            } else {
                converted.add(a.type().kind() == TypeKind.JSON ? a
                        : new BuiltinExpr(io.kyrodb.engine.expr.JsonbFunction.TO_JSON, List.of(a), SqlType.JSON));
            }
        }
        return new BuiltinExpr(object ? io.kyrodb.engine.expr.JsonBuildFunction.JSON_BUILD_OBJECT
                : io.kyrodb.engine.expr.JsonBuildFunction.JSON_BUILD_ARRAY, List.copyOf(converted), SqlType.JSON);
    }

    /** A type's name as PostgreSQL's regtype output prints it (no length, precision or scale). */
    static String typeName(SqlType t) {
        if (t.isArray()) {
            return typeName(t.element()) + "[]";
        }
        if (t.udt() != null) {
            return t.udt().name();
        }
        return switch (t.kind()) {
            case VARCHAR -> t.blankPadded() ? "character" : "character varying";
            case BIT -> t.varying() ? "bit varying" : "bit";
            default -> t.kind().sqlName();
        };
    }

    private static boolean unknown(BoundExpr a) {
        return a.type().kind() == TypeKind.UNKNOWN;
    }

    private static boolean textLike(SqlType t) {
        return t.kind().isText() || t.kind() == TypeKind.UNKNOWN;
    }

    private static boolean exactNumber(SqlType t) {
        return t.kind().isInteger() || t.kind() == TypeKind.NUMERIC || t.kind() == TypeKind.UNKNOWN;
    }

    private static boolean number(SqlType t) {
        return t.kind().isNumeric() || t.kind() == TypeKind.UNKNOWN;
    }

    /** integer for smallint/integer, else bigint, else numeric. */
    private static SqlType widest(List<BoundExpr> args) {
        SqlType t = SqlType.INTEGER;
        for (BoundExpr a : args) {
            TypeKind k = a.type().kind();
            if (k == TypeKind.NUMERIC || k == TypeKind.UNKNOWN) {
                return SqlType.NUMERIC;
            }
            if (k == TypeKind.BIGINT) {
                t = SqlType.BIGINT;
            }
        }
        return t;
    }

    private static List<BoundExpr> coerceAll(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, SqlType t) {
        List<BoundExpr> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            out.add(binder.coerce(args.get(i), t, f.arguments().get(i).pos()));
        }
        return List.copyOf(out);
    }

    private static void require(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, boolean ok) {
        if (!ok) {
            throw binder.noSuchFunction(f, args);
        }
    }
}

package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.FunctionExpr;
import io.kyrodb.engine.expr.ScalarFunction;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds calls of PostgreSQL's text and math functions ({@link ScalarFunction}): checks the
 * arguments' number and types (42883 when no form of the function takes them) and converts them to
 * the types the function works on. Null when {@code name} is none of them.
 */
final class FunctionCalls {
    private static final SqlType T = SqlType.TEXT;
    private static final SqlType I = SqlType.BIGINT;
    private static final SqlType D = SqlType.DOUBLE;

    private final ExprBinder binder;
    private final Expr.FunctionCall call;
    private final List<BoundExpr> args;

    private FunctionCalls(ExprBinder binder, Expr.FunctionCall call, List<BoundExpr> args) {
        this.binder = binder;
        this.call = call;
        this.args = args;
    }

    static BoundExpr bind(ExprBinder binder, Expr.FunctionCall call, List<BoundExpr> args) {
        return new FunctionCalls(binder, call, args).bind();
    }

    private BoundExpr bind() {
        int n = args.size();
        return switch (call.name()) {
            case "initcap" -> fixed(ScalarFunction.INITCAP, T, T);
            case "reverse" -> fixed(ScalarFunction.REVERSE, T, T);
            case "md5" -> fixed(ScalarFunction.MD5, T, T);
            case "octet_length" -> args.size() == 1 && args.get(0).type().blankPadded()   // counts the padding
                    ? new FunctionExpr(ScalarFunction.OCTET_LENGTH,
                            List.of(io.kyrodb.engine.expr.ExtraFunction.padded(args.get(0))), SqlType.INTEGER)
                    : fixed(ScalarFunction.OCTET_LENGTH, SqlType.INTEGER, T);
            case "btrim", "trim" -> n == 1 ? fixed(ScalarFunction.BTRIM, T, T) : fixed(ScalarFunction.BTRIM, T, T, T);
            case "ltrim" -> n == 1 ? fixed(ScalarFunction.LTRIM, T, T) : fixed(ScalarFunction.LTRIM, T, T, T);
            case "rtrim" -> n == 1 ? fixed(ScalarFunction.RTRIM, T, T) : fixed(ScalarFunction.RTRIM, T, T, T);
            case "substr", "substring" -> n == 2 ? fixed(ScalarFunction.SUBSTR, T, T, I)
                    : fixed(ScalarFunction.SUBSTR, T, T, I, I);
            case "strpos", "position" -> fixed(ScalarFunction.STRPOS, SqlType.INTEGER, T, T);
            case "replace" -> fixed(ScalarFunction.REPLACE, T, T, T, T);
            case "lpad" -> n == 2 ? fixed(ScalarFunction.LPAD, T, T, I) : fixed(ScalarFunction.LPAD, T, T, I, T);
            case "rpad" -> n == 2 ? fixed(ScalarFunction.RPAD, T, T, I) : fixed(ScalarFunction.RPAD, T, T, I, T);
            case "left" -> fixed(ScalarFunction.LEFT, T, T, I);
            case "right" -> fixed(ScalarFunction.RIGHT, T, T, I);
            case "repeat" -> fixed(ScalarFunction.REPEAT, T, T, I);
            case "split_part" -> fixed(ScalarFunction.SPLIT_PART, T, T, T, I);
            case "starts_with" -> fixed(ScalarFunction.STARTS_WITH, SqlType.BOOLEAN, T, T);
            case "regexp_replace" -> n >= 4 && (args.get(3).type().kind().isInteger() || n > 4)
                    ? UtilityCalls.regexpReplaceAt(binder, call, args, () -> binder.noSuchFunction(call, args))
                    : n == 3 ? fixed(ScalarFunction.REGEXP_REPLACE, T, T, T, T)
                    : fixed(ScalarFunction.REGEXP_REPLACE, T, T, T, T, T);
            case "translate" -> fixed(ScalarFunction.TRANSLATE, T, T, T, T);
            case "regexp_like" -> n == 2 ? fixed(ScalarFunction.REGEXP_LIKE, SqlType.BOOLEAN, T, T)
                    : fixed(ScalarFunction.REGEXP_LIKE, SqlType.BOOLEAN, T, T, T);
            case "regexp_count" -> switch (n) {
                case 2 -> fixed(ScalarFunction.REGEXP_COUNT, SqlType.INTEGER, T, T);
                case 3 -> fixed(ScalarFunction.REGEXP_COUNT, SqlType.INTEGER, T, T, I);
                default -> fixed(ScalarFunction.REGEXP_COUNT, SqlType.INTEGER, T, T, I, T);
            };
            case "regexp_substr" -> switch (n) {
                case 2 -> fixed(ScalarFunction.REGEXP_SUBSTR, T, T, T);
                case 3 -> fixed(ScalarFunction.REGEXP_SUBSTR, T, T, T, I);
                case 4 -> fixed(ScalarFunction.REGEXP_SUBSTR, T, T, T, I, I);
                case 5 -> fixed(ScalarFunction.REGEXP_SUBSTR, T, T, T, I, I, T);
                default -> fixed(ScalarFunction.REGEXP_SUBSTR, T, T, T, I, I, T, I);
            };
            case "regexp_split_to_array" -> n == 2 ? fixed(ScalarFunction.REGEXP_SPLIT_TO_ARRAY, SqlType.arrayOf(T), T, T)
                    : fixed(ScalarFunction.REGEXP_SPLIT_TO_ARRAY, SqlType.arrayOf(T), T, T, T);
            case "chr" -> fixed(ScalarFunction.CHR, T, I);
            case "ascii" -> fixed(ScalarFunction.ASCII, SqlType.INTEGER, T);
            case "to_hex" -> {
                require(n == 1 && (args.get(0).type().kind().isInteger() || unknown(0)));
                SqlType t = args.get(0).type().kind() == TypeKind.BIGINT ? SqlType.BIGINT : SqlType.INTEGER;
                yield new FunctionExpr(ScalarFunction.TO_HEX, List.of(arg(0, t)), T);
            }
            case "concat" -> variadic(ScalarFunction.CONCAT, 0);
            case "concat_ws" -> variadic(ScalarFunction.CONCAT_WS, 1);
            case "format" -> variadic(ScalarFunction.FORMAT, 1);
            case "greatest" -> extreme(ScalarFunction.GREATEST);
            case "least" -> extreme(ScalarFunction.LEAST);
            case "sign" -> {
                require(n == 1 && numeric(0));
                SqlType t = args.get(0).type().kind().isInteger() ? args.get(0).type() : D;
                yield new FunctionExpr(ScalarFunction.SIGN, List.of(arg(0, t)), t);
            }
            case "ceil", "ceiling" -> fixed(ScalarFunction.CEIL, D, D);
            case "floor" -> fixed(ScalarFunction.FLOOR, D, D);
            case "round" -> n == 1 ? fixed(ScalarFunction.ROUND, D, D) : fixed(ScalarFunction.ROUND, D, D, I);
            case "trunc" -> n == 1 ? fixed(ScalarFunction.TRUNC, D, D) : fixed(ScalarFunction.TRUNC, D, D, I);
            case "mod" -> {
                require(n == 2 && numeric(0) && numeric(1));
                SqlType t = Casts.common(known(0), known(1));
                require(t != null);
                yield new FunctionExpr(ScalarFunction.MOD, List.of(arg(0, t), arg(1, t)), t);
            }
            case "power", "pow" -> fixed(ScalarFunction.POWER, D, D, D);
            case "sqrt" -> fixed(ScalarFunction.SQRT, D, D);
            case "cbrt" -> fixed(ScalarFunction.CBRT, D, D);
            case "exp" -> fixed(ScalarFunction.EXP, D, D);
            case "ln" -> fixed(ScalarFunction.LN, D, D);
            case "log10" -> fixed(ScalarFunction.LOG10, D, D);
            case "log" -> n == 1 ? fixed(ScalarFunction.LOG, D, D) : fixed(ScalarFunction.LOG, D, D, D);
            case "pi" -> fixed(ScalarFunction.PI, D);
            case "random" -> fixed(ScalarFunction.RANDOM, D);
            case "degrees" -> fixed(ScalarFunction.DEGREES, D, D);
            case "radians" -> fixed(ScalarFunction.RADIANS, D, D);
            case "sin" -> fixed(ScalarFunction.SIN, D, D);
            case "cos" -> fixed(ScalarFunction.COS, D, D);
            case "tan" -> fixed(ScalarFunction.TAN, D, D);
            case "asin" -> fixed(ScalarFunction.ASIN, D, D);
            case "acos" -> fixed(ScalarFunction.ACOS, D, D);
            case "atan" -> fixed(ScalarFunction.ATAN, D, D);
            case "atan2" -> fixed(ScalarFunction.ATAN2, D, D, D);
            case "cot" -> fixed(ScalarFunction.COT, D, D);
            default -> null;
        };
    }

    /** A call with exactly {@code params.length} arguments, each converted to its parameter's type. */
    private BoundExpr fixed(ScalarFunction f, SqlType result, SqlType... params) {
        require(args.size() == params.length);
        List<BoundExpr> converted = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            BoundExpr a = args.get(i);
            TypeKind k = a.type().kind();
            boolean fits = k == TypeKind.UNKNOWN
                    || (params[i].kind().isText() ? k.isText() : params[i].kind().isInteger() ? k.isInteger() : k.isNumeric());
            require(fits);
            converted.add(arg(i, params[i]));
        }
        return new FunctionExpr(f, List.copyOf(converted), result);
    }

    /** concat, concat_ws, format: the first {@code textFirst} arguments are text, the rest any type shown as text. */
    private BoundExpr variadic(ScalarFunction f, int textFirst) {
        require(args.size() > textFirst || (f == ScalarFunction.CONCAT && !args.isEmpty()));
        List<BoundExpr> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            BoundExpr a = args.get(i);
            if (i < textFirst) {
                require(a.type().kind().isText() || a.type().kind() == TypeKind.UNKNOWN);
            }
            converted.add(a.type().kind().isText() ? io.kyrodb.engine.expr.ExtraFunction.padded(a)
                    : a.type().kind() == TypeKind.UNKNOWN ? arg(i, T) : new CastExpr(a, T, true));
        }
        return new FunctionExpr(f, List.copyOf(converted), T);
    }

    private BoundExpr extreme(ScalarFunction f) {
        require(!args.isEmpty());
        SqlType type = SqlType.UNKNOWN;
        for (BoundExpr a : args) {
            SqlType t = Casts.common(type, a.type());
            if (t == null) {
                throw binder.error(SqlState.DATATYPE_MISMATCH, call.name().toUpperCase(java.util.Locale.ROOT)
                        + " types " + type.displayName() + " and " + a.type().displayName() + " cannot be matched",
                        call.pos());
            }
            type = t;
        }
        if (type.kind() == TypeKind.UNKNOWN) {
            type = T;
        }
        List<BoundExpr> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            converted.add(arg(i, type));
        }
        return new FunctionExpr(f, List.copyOf(converted), type);
    }

    private BoundExpr arg(int i, SqlType type) {
        return binder.coerce(args.get(i), type, call.arguments().isEmpty() ? call.pos() : call.arguments().get(i).pos());
    }

    private boolean unknown(int i) {
        return args.get(i).type().kind() == TypeKind.UNKNOWN;
    }

    private boolean numeric(int i) {
        return args.get(i).type().kind().isNumeric() || unknown(i);
    }

    private SqlType known(int i) {
        return unknown(i) ? SqlType.INTEGER : args.get(i).type();
    }

    private void require(boolean ok) {
        if (!ok) {
            throw binder.noSuchFunction(call, args);
        }
    }
}

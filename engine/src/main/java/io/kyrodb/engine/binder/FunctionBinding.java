package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.DateTimeFunction;
import io.kyrodb.engine.expr.NumericFunction;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds the numeric functions (round, trunc, ceil, floor, mod, power, sqrt) and the date/time
 * functions (now, extract/date_part, date_trunc, age, make_date, make_timestamp, to_char, to_date,
 * to_timestamp) with Postgres's argument and result types: numeric in, numeric out; integers and
 * floats through double precision, except mod, which keeps integers.
 */
final class FunctionBinding {
    private FunctionBinding() {
    }

    /** {@code current_date}, {@code current_timestamp}, {@code localtimestamp}, {@code localtime}: SQL's keyword calls. */
    static BoundExpr keywordValue(String name) {
        return switch (name) {
            case "current_timestamp" -> call(DateTimeFunction.NOW, SqlType.TIMESTAMPTZ);
            case "current_date" -> call(DateTimeFunction.CURRENT_DATE, SqlType.DATE);
            case "localtimestamp" -> call(DateTimeFunction.LOCALTIMESTAMP, SqlType.TIMESTAMP);
            case "localtime" -> call(DateTimeFunction.LOCALTIME, SqlType.TIME);
            case "current_time" -> call(DateTimeFunction.CURRENT_TIME, SqlType.TIMETZ);
            default -> null;
        };
    }

    private static BoundExpr call(DateTimeFunction f, SqlType type, BoundExpr... args) {
        return new BuiltinExpr(f, List.of(args), type);
    }

    /*
     * overlaps(s1, e1, s2, e2), also written (s1, e1) OVERLAPS (s2, e2), over timestamps,
     * timestamptz or times of one common type; an interval as the second of a pair is the length
     * from its start (added when evaluated). As PostgreSQL resolves it: dates and untyped literals
     * are timestamptz (the preferred type), all-untyped values without a length are ambiguous.
     */
    private static BoundExpr overlaps(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        arity(binder, f, args, 4);
        SqlType common = null;
        boolean length = false;
        for (int i = 0; i < 4; i++) {
            SqlType t = args.get(i).type();
            if (i % 2 == 1 && t.kind() == TypeKind.INTERVAL) {
                length = true;
            } else if (t.kind() != TypeKind.UNKNOWN) {
                common = common == null ? t : io.kyrodb.engine.types.Casts.common(common, t);
                if (common == null) {
                    throw noSuchFunction(binder, f, args);
                }
            }
        }
        if (common == null && !length) {
            throw binder.error(SqlState.AMBIGUOUS_FUNCTION, "function overlaps(unknown, unknown, unknown, unknown) is"
                    + " not unique: add explicit casts (date, timestamp, timestamptz, time)", f.pos());
        }
        if (common == null || common.kind() == TypeKind.DATE) {
            common = SqlType.TIMESTAMPTZ;
        }
        TypeKind k = common.kind();
        if (k != TypeKind.TIMESTAMP && k != TypeKind.TIMESTAMPTZ && k != TypeKind.TIME && k != TypeKind.TIMETZ) {
            throw noSuchFunction(binder, f, args);
        }
        List<BoundExpr> coerced = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            BoundExpr a = args.get(i);
            coerced.add(i % 2 == 1 && a.type().kind() == TypeKind.INTERVAL ? a
                    : binder.coerce(a, common, f.arguments().get(i).pos()));
        }
        return new BuiltinExpr(DateTimeFunction.OVERLAPS, List.copyOf(coerced), SqlType.BOOLEAN);
    }

    /** The bound call, or null when {@code f} is not one of these functions. */
    static BoundExpr call(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        int n = args.size();
        return switch (f.name()) {
            case "round", "trunc" -> {
                NumericFunction fn = f.name().equals("round") ? NumericFunction.ROUND : NumericFunction.TRUNC;
                if (n == 2) {
                    BoundExpr x = numericArg(binder, f, args, 0, true);
                    yield new BuiltinExpr(fn, List.of(x, integerArg(binder, f, args, 1)), SqlType.NUMERIC);
                }
                yield unaryNumeric(binder, f, args, fn);
            }
            case "ceil", "ceiling" -> unaryNumeric(binder, f, args, NumericFunction.CEIL);
            case "floor" -> unaryNumeric(binder, f, args, NumericFunction.FLOOR);
            case "sqrt" -> unaryNumeric(binder, f, args, NumericFunction.SQRT);
            case "power", "pow", "mod" -> {
                arity(binder, f, args, 2);
                SqlType common = io.kyrodb.engine.types.Casts.common(untypedAsNumeric(args.get(0).type()),
                        untypedAsNumeric(args.get(1).type()));
                if (common == null || !common.kind().isNumeric()) {
                    throw noSuchFunction(binder, f, args);
                }
                boolean mod = f.name().equals("mod");
                if (mod && common.kind().isFloat()) {
                    throw noSuchFunction(binder, f, args);
                }
                SqlType t = common.kind() == TypeKind.NUMERIC ? SqlType.NUMERIC : mod ? common : SqlType.DOUBLE;
                yield new BuiltinExpr(mod ? NumericFunction.MOD : NumericFunction.POWER,
                        List.of(binder.coerce(args.get(0), t, f.pos()), binder.coerce(args.get(1), t, f.pos())), t);
            }
            case "now", "transaction_timestamp", "statement_timestamp" -> {
                arity(binder, f, args, 0);
                yield call(DateTimeFunction.NOW, SqlType.TIMESTAMPTZ);
            }
            case "clock_timestamp" -> {
                arity(binder, f, args, 0);
                yield call(DateTimeFunction.CLOCK_TIMESTAMP, SqlType.TIMESTAMPTZ);
            }
            case "timeofday" -> {
                arity(binder, f, args, 0);
                yield call(DateTimeFunction.TIMEOFDAY, SqlType.TEXT);
            }
            case "extract", "date_part" -> {
                arity(binder, f, args, 2);
                BoundExpr field = binder.coerce(args.get(0), SqlType.TEXT, f.pos());
                BoundExpr value = args.get(1);
                if (value.type().kind() == TypeKind.UNKNOWN) {
                    value = binder.coerce(value, SqlType.TIMESTAMPTZ, f.pos());
                }
                if (!DateTimeBinding.isTemporal(value.type()) || value.type().kind() == TypeKind.TIME
                        || !args.get(0).type().kind().isText() && args.get(0).type().kind() != TypeKind.UNKNOWN) {
                    throw noSuchFunction(binder, f, args);
                }
                boolean extract = f.name().equals("extract");
                yield new BuiltinExpr(extract ? DateTimeFunction.EXTRACT : DateTimeFunction.DATE_PART, List.of(field, value),
                        extract ? SqlType.NUMERIC : SqlType.DOUBLE);
            }
            case "date_trunc" -> {
                arity(binder, f, args, 2);
                BoundExpr value = args.get(1).type().kind() == TypeKind.UNKNOWN
                        ? binder.coerce(args.get(1), SqlType.TIMESTAMPTZ, f.pos()) : args.get(1);
                TypeKind k = value.type().kind();
                if (k != TypeKind.TIMESTAMP && k != TypeKind.TIMESTAMPTZ && k != TypeKind.DATE) {
                    throw noSuchFunction(binder, f, args);
                }
                SqlType t = DateTimeFunction.truncType(value.type());
                yield new BuiltinExpr(DateTimeFunction.DATE_TRUNC, List.of(text(binder, f, args, 0),
                        binder.coerce(value, t, f.pos())), t);
            }
            case "timezone" -> {
                arity(binder, f, args, 2);
                BoundExpr zone = args.get(0).type().kind() == TypeKind.INTERVAL ? args.get(0)
                        : binder.coerce(args.get(0), SqlType.TEXT, f.pos());
                BoundExpr value = args.get(1);
                TypeKind k = value.type().kind();
                if (k == TypeKind.UNKNOWN || k == TypeKind.DATE) {
                    value = binder.coerce(value, SqlType.TIMESTAMPTZ, f.pos());
                    k = TypeKind.TIMESTAMPTZ;
                }
                if (k != TypeKind.TIMESTAMP && k != TypeKind.TIMESTAMPTZ && k != TypeKind.TIMETZ
                        || !zone.type().kind().isText() && zone.type().kind() != TypeKind.INTERVAL) {
                    throw noSuchFunction(binder, f, args);
                }
                yield new BuiltinExpr(DateTimeFunction.TIMEZONE, List.of(zone, value), k == TypeKind.TIMESTAMP
                        ? SqlType.TIMESTAMPTZ : k == TypeKind.TIMETZ ? SqlType.TIMETZ : SqlType.TIMESTAMP);
            }
            case "age" -> {
                if (n < 1 || n > 2) {
                    throw noSuchFunction(binder, f, args);
                }
                List<BoundExpr> a = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    BoundExpr v = args.get(i);
                    if (v.type().kind() == TypeKind.UNKNOWN) {
                        v = binder.coerce(v, SqlType.TIMESTAMP, f.pos());
                    }
                    if (!v.type().kind().isDateTime()) {
                        throw noSuchFunction(binder, f, args);
                    }
                    a.add(v);
                }
                yield new BuiltinExpr(DateTimeFunction.AGE, a, SqlType.INTERVAL);
            }
            case "make_date" -> {
                arity(binder, f, args, 3);
                yield new BuiltinExpr(DateTimeFunction.MAKE_DATE, List.of(integerArg(binder, f, args, 0),
                        integerArg(binder, f, args, 1), integerArg(binder, f, args, 2)), SqlType.DATE);
            }
            case "make_timestamp" -> {
                arity(binder, f, args, 6);
                yield new BuiltinExpr(DateTimeFunction.MAKE_TIMESTAMP, List.of(integerArg(binder, f, args, 0),
                        integerArg(binder, f, args, 1), integerArg(binder, f, args, 2), integerArg(binder, f, args, 3),
                        integerArg(binder, f, args, 4), doubleArg(binder, f, args, 5)), SqlType.TIMESTAMP);
            }
            case "make_timestamptz" -> {
                if (n != 6 && n != 7) {
                    throw noSuchFunction(binder, f, args);
                }
                List<BoundExpr> a = new ArrayList<>(List.of(integerArg(binder, f, args, 0), integerArg(binder, f, args, 1),
                        integerArg(binder, f, args, 2), integerArg(binder, f, args, 3), integerArg(binder, f, args, 4),
                        doubleArg(binder, f, args, 5)));
                if (n == 7) {
                    a.add(text(binder, f, args, 6));
                }
                yield new BuiltinExpr(DateTimeFunction.MAKE_TIMESTAMPTZ, List.copyOf(a), SqlType.TIMESTAMPTZ);
            }
            case "make_interval" -> {
                if (n > 7) {
                    throw noSuchFunction(binder, f, args);
                }
                List<BoundExpr> a = new ArrayList<>();
                for (int i = 0; i < 7; i++) {   // left out: 0, as PostgreSQL's defaults
                    a.add(i >= n ? new ConstExpr(i == 6 ? (Object) 0.0 : (Object) 0, i == 6 ? SqlType.DOUBLE : SqlType.INTEGER)
                            : i == 6 ? doubleArg(binder, f, args, i) : integerArg(binder, f, args, i));
                }
                yield new BuiltinExpr(DateTimeFunction.MAKE_INTERVAL, List.copyOf(a), SqlType.INTERVAL);
            }
            case "make_time" -> {
                arity(binder, f, args, 3);
                yield new BuiltinExpr(DateTimeFunction.MAKE_TIME, List.of(integerArg(binder, f, args, 0),
                        integerArg(binder, f, args, 1), doubleArg(binder, f, args, 2)), SqlType.TIME);
            }
            case "to_char" -> {
                arity(binder, f, args, 2);
                BoundExpr v = args.get(0);
                TypeKind k = v.type().kind();
                if (!(k.isDateTime() || k == TypeKind.TIME || k == TypeKind.INTERVAL || k.isNumeric())) {
                    throw noSuchFunction(binder, f, args);
                }
                yield new BuiltinExpr(DateTimeFunction.TO_CHAR, List.of(v, text(binder, f, args, 1)), SqlType.TEXT);
            }
            case "justify_days", "justify_hours", "justify_interval" -> {
                arity(binder, f, args, 1);
                BoundExpr v = binder.coerce(args.get(0), SqlType.INTERVAL, f.pos());
                if (v.type().kind() != TypeKind.INTERVAL) {
                    throw noSuchFunction(binder, f, args);
                }
                DateTimeFunction fn = switch (f.name()) {
                    case "justify_days" -> DateTimeFunction.JUSTIFY_DAYS;
                    case "justify_hours" -> DateTimeFunction.JUSTIFY_HOURS;
                    default -> DateTimeFunction.JUSTIFY_INTERVAL;
                };
                yield new BuiltinExpr(fn, List.of(v), SqlType.INTERVAL);
            }
            case "overlaps" -> overlaps(binder, f, args);
            case "isfinite" -> {
                arity(binder, f, args, 1);
                BoundExpr v = args.get(0).type().kind() == TypeKind.UNKNOWN
                        ? binder.coerce(args.get(0), SqlType.TIMESTAMPTZ, f.pos()) : args.get(0);
                TypeKind k = v.type().kind();
                if (k != TypeKind.DATE && k != TypeKind.TIMESTAMP && k != TypeKind.TIMESTAMPTZ && k != TypeKind.INTERVAL) {
                    throw noSuchFunction(binder, f, args);
                }
                yield new BuiltinExpr(DateTimeFunction.ISFINITE, List.of(v), SqlType.BOOLEAN);
            }
            case "date_bin" -> {
                arity(binder, f, args, 3);
                BoundExpr stride = binder.coerce(args.get(0), SqlType.INTERVAL, f.pos());
                // timestamp unless an argument is timestamptz (a date or untyped literal goes along)
                boolean zoned = args.get(1).type().kind() == TypeKind.TIMESTAMPTZ || args.get(2).type().kind() == TypeKind.TIMESTAMPTZ;
                SqlType t = zoned ? SqlType.TIMESTAMPTZ : SqlType.TIMESTAMP;
                for (int i = 1; i < 3; i++) {
                    TypeKind k = args.get(i).type().kind();
                    if (k != TypeKind.UNKNOWN && k != TypeKind.DATE && k != TypeKind.TIMESTAMP && k != TypeKind.TIMESTAMPTZ) {
                        throw noSuchFunction(binder, f, args);
                    }
                }
                if (stride.type().kind() != TypeKind.INTERVAL) {
                    throw noSuchFunction(binder, f, args);
                }
                yield new BuiltinExpr(DateTimeFunction.DATE_BIN, List.of(stride, binder.coerce(args.get(1), t, f.pos()),
                        binder.coerce(args.get(2), t, f.pos())), t);
            }
            case "to_date" -> {
                arity(binder, f, args, 2);
                yield new BuiltinExpr(DateTimeFunction.TO_DATE, List.of(text(binder, f, args, 0), text(binder, f, args, 1)),
                        SqlType.DATE);
            }
            case "to_timestamp" -> {
                if (n == 1) {
                    if (!args.get(0).type().kind().isNumeric() && args.get(0).type().kind() != TypeKind.UNKNOWN) {
                        throw noSuchFunction(binder, f, args);
                    }
                    yield new BuiltinExpr(DateTimeFunction.TO_TIMESTAMP_EPOCH,
                            List.of(binder.coerce(args.get(0), SqlType.DOUBLE, f.pos())), SqlType.TIMESTAMPTZ);
                }
                arity(binder, f, args, 2);
                yield new BuiltinExpr(DateTimeFunction.TO_TIMESTAMP, List.of(text(binder, f, args, 0),
                        text(binder, f, args, 1)), SqlType.TIMESTAMPTZ);
            }
            default -> null;
        };
    }

    private static SqlType untypedAsNumeric(SqlType t) {
        return t.kind() == TypeKind.UNKNOWN ? SqlType.NUMERIC : t;
    }

    /** numeric stays numeric; integers, floats and untyped go through double precision (Postgres prefers float8). */
    private static BoundExpr unaryNumeric(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, NumericFunction fn) {
        arity(binder, f, args, 1);
        BoundExpr x = args.get(0);
        if (x.type().kind() == TypeKind.NUMERIC) {
            return new BuiltinExpr(fn, List.of(x), SqlType.NUMERIC);
        }
        if (!x.type().kind().isNumeric() && x.type().kind() != TypeKind.UNKNOWN) {
            throw noSuchFunction(binder, f, args);
        }
        return new BuiltinExpr(fn, List.of(binder.coerce(x, SqlType.DOUBLE, f.pos())), SqlType.DOUBLE);
    }

    private static BoundExpr numericArg(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, int i,
            boolean integersToo) {
        BoundExpr x = args.get(i);
        TypeKind k = x.type().kind();
        if (k == TypeKind.NUMERIC || k == TypeKind.UNKNOWN || (integersToo && k.isInteger())) {
            return binder.coerce(x, SqlType.NUMERIC, f.pos());
        }
        throw noSuchFunction(binder, f, args);
    }

    private static BoundExpr integerArg(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, int i) {
        BoundExpr x = args.get(i);
        if (!x.type().kind().isInteger() && x.type().kind() != TypeKind.UNKNOWN) {
            throw noSuchFunction(binder, f, args);
        }
        return binder.coerce(x, SqlType.INTEGER, f.pos());
    }

    /** A double precision parameter: any number, or an untyped literal. */
    private static BoundExpr doubleArg(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, int i) {
        BoundExpr x = args.get(i);
        if (!x.type().kind().isNumeric() && x.type().kind() != TypeKind.UNKNOWN) {
            throw noSuchFunction(binder, f, args);
        }
        return binder.coerce(x, SqlType.DOUBLE, f.pos());
    }

    private static BoundExpr text(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, int i) {
        BoundExpr x = args.get(i);
        if (!x.type().kind().isText() && x.type().kind() != TypeKind.UNKNOWN) {
            throw noSuchFunction(binder, f, args);
        }
        return binder.coerce(x, SqlType.TEXT, f.pos());
    }

    private static void arity(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args, int n) {
        if (args.size() != n) {
            throw noSuchFunction(binder, f, args);
        }
    }

    private static io.kyrodb.engine.KyroException noSuchFunction(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        String types = String.join(", ", args.stream().map(a -> a.type().displayName()).toList());
        return binder.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + "(" + types + ") does not exist", f.pos());
    }
}

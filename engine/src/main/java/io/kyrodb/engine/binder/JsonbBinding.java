package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.JsonbFunction;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds jsonb's editing functions and operators ({@link JsonbFunction}): {@code jsonb_set},
 * {@code jsonb_insert}, {@code jsonb_delete_path} and {@code #-}, {@code jsonb - text | integer |
 * text[]}, {@code ?|}/{@code ?&} (and {@code jsonb_exists_any/all}), {@code jsonb_strip_nulls},
 * {@code jsonb_pretty}, {@code jsonb_object}, {@code json_typeof}, {@code to_json}. Untyped
 * arguments take the parameter's type, as in Postgres; 42883 when no form takes the arguments.
 */
final class JsonbBinding {
    private static final SqlType TEXT_ARRAY = SqlType.arrayOf(SqlType.TEXT);

    private JsonbBinding() {
    }

    /**
     * {@code SET c[k1][k2] = v} (the parser's {@code kyro_subscript_set(c, v, k1, k2)}): on jsonb as
     * PostgreSQL 14's subscript assignment ({@link JsonbFunction#SUBSCRIPT_SET}), on an array its
     * element ({@link io.kyrodb.engine.expr.ArrayFunction#SET_ELEMENT}, one subscript).
     */
    private static BoundExpr subscriptSet(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        BoundExpr target = args.get(0);
        SqlType type = target.type();
        if (type.kind() == TypeKind.JSONB) {
            List<BoundExpr> a = new ArrayList<>(List.of(target, binder.coerce(args.get(1), SqlType.JSONB,
                    f.arguments().get(1).pos())));
            for (int i = 2; i < args.size(); i++) {
                TypeKind k = args.get(i).type().kind();
                SqlType keyType = k == TypeKind.INTEGER || k == TypeKind.SMALLINT ? SqlType.INTEGER
                        : k == TypeKind.UNKNOWN || k.isText() ? SqlType.TEXT : null;
                if (keyType == null) {
                    throw binder.error(SqlState.DATATYPE_MISMATCH, "subscript type " + args.get(i).type().displayName()
                            + " is not supported (a jsonb subscript must be coercible to either integer or text)",
                            f.arguments().get(i).pos());
                }
                a.add(binder.coerce(args.get(i), keyType, f.arguments().get(i).pos()));
            }
            return new BuiltinExpr(JsonbFunction.SUBSCRIPT_SET, List.copyOf(a), SqlType.JSONB);
        }
        if (type.isArray()) {
            if (args.size() != 3) {
                throw binder.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "KyroDB assigns elements of one-dimensional arrays only (assign the whole array)", f.pos());
            }
            BoundExpr index = args.get(2);
            if (!index.type().kind().isInteger() && index.type().kind() != TypeKind.UNKNOWN) {
                throw binder.error(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer, not "
                        + index.type().displayName(), f.arguments().get(2).pos());
            }
            return new BuiltinExpr(io.kyrodb.engine.expr.ArrayFunction.SET_ELEMENT, List.of(target,
                    binder.coerce(args.get(1), type.element(), f.arguments().get(1).pos()),
                    binder.coerce(index, SqlType.BIGINT, f.arguments().get(2).pos())), type);
        }
        throw binder.error(SqlState.DATATYPE_MISMATCH, "cannot subscript type " + type.displayName()
                + " because it does not support subscripting", f.pos());
    }

    /** {@code #- ?| ?&}. */
    static BoundExpr operator(ExprBinder binder, Expr.Binary b) {
        BoundExpr doc = binder.bind(b.left(), SqlType.JSONB);
        BoundExpr path = binder.bind(b.right(), TEXT_ARRAY);
        if (!isJsonb(doc) || !isTextArray(path)) {
            throw binder.operatorDoesNotExist(b, doc, path);
        }
        JsonbFunction f = switch (b.op()) {
            case DELETE_PATH -> JsonbFunction.DELETE_PATH;
            case EXISTS_ANY -> JsonbFunction.EXISTS_ANY;
            default -> JsonbFunction.EXISTS_ALL;
        };
        return new BuiltinExpr(f, List.of(binder.coerce(doc, SqlType.JSONB, b.left().pos()),
                binder.coerce(path, TEXT_ARRAY, b.right().pos())), b.op() == BinaryOp.DELETE_PATH ? SqlType.JSONB : SqlType.BOOLEAN);
    }

    /** {@code jsonb - x} with the left side bound to jsonb: by key (text, untyped), index (integer) or keys (text[]). */
    static BoundExpr minus(ExprBinder binder, Expr.Binary b, BoundExpr doc, BoundExpr right) {
        TypeKind k = right.type().kind();
        JsonbFunction f;
        SqlType t;
        if (k.isText() || k == TypeKind.UNKNOWN) {
            f = JsonbFunction.DELETE_KEY;
            t = SqlType.TEXT;
        } else if (k.isInteger()) {
            f = JsonbFunction.DELETE_INDEX;
            t = SqlType.INTEGER;
        } else if (isTextArray(right)) {
            f = JsonbFunction.DELETE_KEYS;
            t = TEXT_ARRAY;
        } else {
            throw binder.operatorDoesNotExist(b, doc, right);
        }
        return new BuiltinExpr(f, List.of(doc, binder.coerce(right, t, b.right().pos())), SqlType.JSONB);
    }

    /** A call of one of these functions, or null when {@code f} names none of them. */
    static BoundExpr call(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        int n = args.size();
        return switch (f.name()) {
            case "jsonb_set", "jsonb_insert" -> {
                if ((n != 3 && n != 4) || !isJsonb(args.get(0)) || !isTextArray(args.get(1)) || !isJsonb(args.get(2))
                        || n == 4 && !isBoolean(args.get(3))) {
                    throw noSuchFunction(binder, f, args);
                }
                boolean set = f.name().equals("jsonb_set");
                BoundExpr flag = n == 4 ? binder.coerce(args.get(3), SqlType.BOOLEAN, f.pos())
                        : new ConstExpr(set, SqlType.BOOLEAN);
                yield new BuiltinExpr(set ? JsonbFunction.SET : JsonbFunction.INSERT, List.of(jsonb(binder, args.get(0), f),
                        textArray(binder, args.get(1), f), jsonb(binder, args.get(2), f), flag), SqlType.JSONB);
            }
            case "jsonb_delete_path", "jsonb_exists_any", "jsonb_exists_all" -> {
                if (n != 2 || !isJsonb(args.get(0)) || !isTextArray(args.get(1))) {
                    throw noSuchFunction(binder, f, args);
                }
                JsonbFunction fn = switch (f.name()) {
                    case "jsonb_delete_path" -> JsonbFunction.DELETE_PATH;
                    case "jsonb_exists_any" -> JsonbFunction.EXISTS_ANY;
                    default -> JsonbFunction.EXISTS_ALL;
                };
                yield new BuiltinExpr(fn, List.of(jsonb(binder, args.get(0), f), textArray(binder, args.get(1), f)),
                        fn == JsonbFunction.DELETE_PATH ? SqlType.JSONB : SqlType.BOOLEAN);
            }
            case "kyro_subscript_set" -> subscriptSet(binder, f, args);
            case "jsonb_gin_items" -> {
                if (n < 1 || n > 2 || !isJsonb(args.get(0)) || n == 2 && !args.get(1).type().kind().isText()
                        && args.get(1).type().kind() != io.kyrodb.engine.types.TypeKind.UNKNOWN) {
                    throw noSuchFunction(binder, f, args);
                }
                List<BoundExpr> a = new ArrayList<>(List.of(jsonb(binder, args.get(0), f)));
                if (n == 2) {
                    a.add(binder.coerce(args.get(1), SqlType.TEXT, f.pos()));
                }
                yield new BuiltinExpr(JsonbFunction.GIN_ITEMS, a, SqlType.TSVECTOR);
            }
            case "jsonb_strip_nulls", "jsonb_pretty" -> {
                if (n != 1 || !isJsonb(args.get(0))) {
                    throw noSuchFunction(binder, f, args);
                }
                boolean pretty = f.name().equals("jsonb_pretty");
                yield new BuiltinExpr(pretty ? JsonbFunction.PRETTY : JsonbFunction.STRIP_NULLS,
                        List.of(jsonb(binder, args.get(0), f)), pretty ? SqlType.TEXT : SqlType.JSONB);
            }
            case "jsonb_object" -> {
                if (n < 1 || n > 2 || !isTextArray(args.get(0)) || n == 2 && !isTextArray(args.get(1))) {
                    throw noSuchFunction(binder, f, args);
                }
                yield n == 1 ? new BuiltinExpr(JsonbFunction.OBJECT, List.of(textArray(binder, args.get(0), f)), SqlType.JSONB)
                        : new BuiltinExpr(JsonbFunction.OBJECT_PAIRS, List.of(textArray(binder, args.get(0), f),
                        textArray(binder, args.get(1), f)), SqlType.JSONB);
            }
            case "json_typeof" -> {
                TypeKind k = n == 1 ? args.get(0).type().kind() : null;
                if (k != TypeKind.JSON && k != TypeKind.UNKNOWN) {
                    throw noSuchFunction(binder, f, args);
                }
                yield new BuiltinExpr(JsonbFunction.JSON_TYPEOF, List.of(binder.coerce(args.get(0), SqlType.JSON, f.pos())),
                        SqlType.TEXT);
            }
            case "row_to_json" -> {   // of a record value (a FROM item's whole row is WholeRowJson's)
                if (n != 1 || args.get(0).type().kind() != TypeKind.RECORD) {
                    throw noSuchFunction(binder, f, args);
                }
                yield new BuiltinExpr(JsonbFunction.TO_JSON, args, SqlType.JSON);
            }
            case "to_json" -> {
                if (n != 1) {
                    throw noSuchFunction(binder, f, args);
                }
                if (args.get(0).type().kind() == TypeKind.UNKNOWN) {
                    throw binder.error(SqlState.DATATYPE_MISMATCH, "could not determine polymorphic type because"
                            + " input has type unknown", f.pos());
                }
                yield args.get(0).type().kind() == TypeKind.JSON ? args.get(0)
                        : new BuiltinExpr(JsonbFunction.TO_JSON, args, SqlType.JSON);
            }
            default -> null;
        };
    }

    private static boolean isJsonb(BoundExpr e) {
        TypeKind k = e.type().kind();
        return k == TypeKind.JSONB || k == TypeKind.UNKNOWN || k == TypeKind.JSON;
    }

    private static boolean isTextArray(BoundExpr e) {
        SqlType t = e.type();
        return t.kind() == TypeKind.UNKNOWN || t.isArray() && t.element().kind().isText();
    }

    private static boolean isBoolean(BoundExpr e) {
        return e.type().kind() == TypeKind.BOOLEAN || e.type().kind() == TypeKind.UNKNOWN;
    }

    private static BoundExpr jsonb(ExprBinder binder, BoundExpr e, Expr.FunctionCall f) {
        return binder.coerce(e, SqlType.JSONB, f.pos());
    }

    private static BoundExpr textArray(ExprBinder binder, BoundExpr e, Expr.FunctionCall f) {
        return binder.coerce(e, TEXT_ARRAY, f.pos());
    }

    private static io.kyrodb.engine.KyroException noSuchFunction(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        String types = String.join(", ", args.stream().map(a -> a.type().displayName()).toList());
        return binder.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + "(" + types + ") does not exist", f.pos());
    }
}

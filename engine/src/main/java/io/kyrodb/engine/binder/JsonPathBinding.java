package io.kyrodb.engine.binder;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.JsonPathFunction;
import io.kyrodb.engine.expr.ParamExpr;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.List;

/**
 * Binds the SQL/JSON path functions ({@link JsonPathFunction}): {@code jsonb_path_exists},
 * {@code jsonb_path_match}, {@code jsonb_path_query_array}, {@code jsonb_path_query_first}
 * (target jsonb, path jsonpath [, vars jsonb [, silent boolean]]), {@code jsonb_path_query}'s
 * items for the set-returning nodes, and the operators {@code @?} and {@code @@} (silent). An
 * untyped path literal is parsed once, here (42601 for bad syntax); a text value needs a cast, as
 * in Postgres (42883 otherwise), except a JDBC string parameter, which pgjdbc sends untyped.
 */
final class JsonPathBinding {
    private JsonPathBinding() {
    }

    static BoundExpr operator(ExprBinder binder, Expr.Binary b) {
        BoundExpr doc = binder.bind(b.left(), SqlType.JSONB);
        BoundExpr path = binder.bind(b.right(), SqlType.JSONPATH);
        if (!is(doc, TypeKind.JSONB) || !is(path, TypeKind.JSONPATH)) {
            throw binder.operatorDoesNotExist(b, doc, path);
        }
        JsonPathFunction f = b.op() == BinaryOp.JSON_PATH_EXISTS ? JsonPathFunction.EXISTS_OPERATOR
                : JsonPathFunction.MATCH_OPERATOR;
        return new BuiltinExpr(f, List.of(binder.coerce(doc, SqlType.JSONB, b.left().pos()),
                binder.coerce(path, SqlType.JSONPATH, b.right().pos()), new ConstExpr(null, SqlType.JSONB),
                new ConstExpr(true, SqlType.BOOLEAN)), SqlType.BOOLEAN);
    }

    /** A call of one of these functions, or null when {@code f} names none of them. */
    static BoundExpr call(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        JsonPathFunction fn = switch (f.name()) {
            case "jsonb_path_exists" -> JsonPathFunction.EXISTS;
            case "jsonb_path_match" -> JsonPathFunction.MATCH;
            case "jsonb_path_query_array" -> JsonPathFunction.QUERY_ARRAY;
            case "jsonb_path_query_first" -> JsonPathFunction.QUERY_FIRST;
            default -> null;
        };
        if (fn == null) {
            return null;
        }
        SqlType type = switch (fn) {
            case EXISTS, MATCH, EXISTS_OPERATOR, MATCH_OPERATOR -> SqlType.BOOLEAN;
            default -> SqlType.JSONB;
        };
        return new BuiltinExpr(fn, arguments(binder, f, args), type);
    }

    /** {@code jsonb_path_query(...)}: its items as a jsonb[] (unnested into rows by the caller). */
    static BoundExpr query(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        return new BuiltinExpr(JsonPathFunction.QUERY, arguments(binder, f, args), SqlType.arrayOf(SqlType.JSONB));
    }

    private static List<BoundExpr> arguments(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        int n = args.size();
        if (n < 2 || n > 4 || !is(args.get(0), TypeKind.JSONB) || !is(args.get(1), TypeKind.JSONPATH)
                || n > 2 && !is(args.get(2), TypeKind.JSONB) || n > 3 && !is(args.get(3), TypeKind.BOOLEAN)) {
            throw binder.noSuchFunction(f, args);
        }
        return List.of(binder.coerce(args.get(0), SqlType.JSONB, f.pos()),
                binder.coerce(args.get(1), SqlType.JSONPATH, f.pos()),
                n > 2 ? binder.coerce(args.get(2), SqlType.JSONB, f.pos()) : new ConstExpr(Jsonb.of(java.util.Map.of()), SqlType.JSONB),
                n > 3 ? binder.coerce(args.get(3), SqlType.BOOLEAN, f.pos()) : new ConstExpr(false, SqlType.BOOLEAN));
    }

    /** Of the type, untyped, or a JDBC parameter set with a string (setString), which converts when it runs. */
    private static boolean is(BoundExpr e, TypeKind kind) {
        return e.type().kind() == kind || e.type().kind() == TypeKind.UNKNOWN
                || e instanceof ParamExpr && e.type().kind().isText() && kind != TypeKind.BOOLEAN;
    }
}

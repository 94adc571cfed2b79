package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.ArrayFunction;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds {@link ArrayFunction}'s calls: the array and its element arguments meet in a common
 * element type (an untyped argument takes the array's), {@code string_to_array} takes text, and
 * {@code array_fill} an element of a known type and {@code integer[]} dimensions. 42883 when no
 * form takes the arguments.
 */
final class ArrayFunctionBinding {
    private static final SqlType INT_ARRAY = SqlType.arrayOf(SqlType.INTEGER);

    private ArrayFunctionBinding() {
    }

    /** The bound call, or null when {@code f} names none of these functions. */
    static BoundExpr call(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        int n = args.size();
        return switch (f.name()) {
            case "array_remove", "array_positions", "array_replace" -> {
                int arity = f.name().equals("array_replace") ? 3 : 2;
                if (n != arity || !args.get(0).type().isArray()) {
                    throw noSuchFunction(binder, f, args);
                }
                SqlType element = args.get(0).type().element();
                for (BoundExpr e : args.subList(1, n)) {
                    element = element == null ? null : Casts.common(element, e.type());
                }
                if (element == null || element.kind() == TypeKind.UNKNOWN) {
                    throw noSuchFunction(binder, f, args);
                }
                List<BoundExpr> bound = new ArrayList<>();
                bound.add(binder.coerce(args.get(0), SqlType.arrayOf(element), f.pos()));
                for (BoundExpr e : args.subList(1, n)) {
                    bound.add(binder.coerce(e, element, f.pos()));
                }
                ArrayFunction fn = switch (f.name()) {
                    case "array_remove" -> ArrayFunction.REMOVE;
                    case "array_replace" -> ArrayFunction.REPLACE;
                    default -> ArrayFunction.POSITIONS;
                };
                yield new BuiltinExpr(fn, bound, fn == ArrayFunction.POSITIONS ? INT_ARRAY : SqlType.arrayOf(element));
            }
            case "string_to_array" -> {
                if (n < 2 || n > 3) {
                    throw noSuchFunction(binder, f, args);
                }
                List<BoundExpr> bound = new ArrayList<>();
                for (BoundExpr e : args) {
                    if (!e.type().kind().isText() && e.type().kind() != TypeKind.UNKNOWN) {
                        throw noSuchFunction(binder, f, args);
                    }
                    bound.add(binder.coerce(e, SqlType.TEXT, f.pos()));
                }
                yield new BuiltinExpr(ArrayFunction.STRING_TO_ARRAY, bound, SqlType.arrayOf(SqlType.TEXT));
            }
            case "array_fill" -> {
                if (n < 2 || n > 3) {
                    throw noSuchFunction(binder, f, args);
                }
                SqlType element = args.get(0).type();
                if (element.kind() == TypeKind.UNKNOWN) {
                    throw binder.error(SqlState.DATATYPE_MISMATCH, "could not determine polymorphic type because"
                            + " input has type unknown", f.pos());
                }
                List<BoundExpr> bound = new ArrayList<>();
                bound.add(args.get(0));
                for (BoundExpr e : args.subList(1, n)) {
                    SqlType t = e.type();
                    if (!(t.kind() == TypeKind.UNKNOWN || t.isArray() && t.element().kind().isInteger())) {
                        throw noSuchFunction(binder, f, args);
                    }
                    bound.add(binder.coerce(e, INT_ARRAY, f.pos()));
                }
                yield new BuiltinExpr(ArrayFunction.FILL, bound, SqlType.arrayOf(element));
            }
            case "array_ndims", "array_dims" -> {
                if (n != 1 || !args.get(0).type().isArray()) {
                    throw noSuchFunction(binder, f, args);
                }
                boolean ndims = f.name().equals("array_ndims");
                yield new BuiltinExpr(ndims ? ArrayFunction.NDIMS : ArrayFunction.DIMS, args, ndims ? SqlType.INTEGER : SqlType.TEXT);
            }
            case "array_lower", "array_upper" -> {
                if (n != 2 || !args.get(0).type().isArray()
                        || !args.get(1).type().kind().isInteger() && args.get(1).type().kind() != TypeKind.UNKNOWN) {
                    throw noSuchFunction(binder, f, args);
                }
                yield new BuiltinExpr(f.name().equals("array_lower") ? ArrayFunction.LOWER : ArrayFunction.UPPER,
                        List.of(args.get(0), binder.coerce(args.get(1), SqlType.INTEGER, f.pos())), SqlType.INTEGER);
            }
            default -> null;
        };
    }

    private static io.kyrodb.engine.KyroException noSuchFunction(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        String types = String.join(", ", args.stream().map(a -> a.type().displayName()).toList());
        return binder.error(SqlState.UNDEFINED_FUNCTION, "function " + f.name() + "(" + types + ") does not exist", f.pos());
    }
}

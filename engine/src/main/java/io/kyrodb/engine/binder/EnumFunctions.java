package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.types.EnumType;
import io.kyrodb.engine.types.EnumValue;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's enum support functions: {@code enum_first(anyenum)}, {@code enum_last(anyenum)},
 * {@code enum_range(anyenum)} and {@code enum_range(anyenum, anyenum)}. Only the argument's type
 * counts for the first three (so {@code enum_range(NULL::mood)} works); the bounds of the
 * two-argument form must be constants (a NULL bound means the end), and the result is a constant
 * of the catalog the statement is bound against.
 */
final class EnumFunctions {
    private EnumFunctions() {
    }

    static BoundExpr bind(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        SqlType type = args.stream().map(BoundExpr::type).filter(t -> t.kind() == TypeKind.ENUM && t.enumType() != null)
                .findFirst().orElse(null);
        int n = args.size();
        boolean enums = type != null && args.stream().allMatch(a -> a.type().kind() == TypeKind.UNKNOWN
                || a.type().equals(type));
        if (!enums || n > 2 || (n == 2 && !f.name().equals("enum_range"))) {
            throw binder.noSuchFunction(f, args);
        }
        List<BoundExpr> typed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            typed.add(binder.coerce(args.get(i), type, f.arguments().get(i).pos()));
        }
        args = typed;
        EnumType e = type.enumType();
        return switch (f.name()) {
            case "enum_first" -> new ConstExpr(e.size() == 0 ? null : e.value(0), type);
            case "enum_last" -> new ConstExpr(e.size() == 0 ? null : e.value(e.size() - 1), type);
            default -> {
                float low = Float.NEGATIVE_INFINITY;
                float high = Float.POSITIVE_INFINITY;
                if (n == 2) {
                    for (int i = 0; i < 2; i++) {
                        if (!(args.get(i) instanceof ConstExpr k)) {
                            throw binder.error(SqlState.UNDEFINED_FUNCTION, "enum_range(" + type.displayName() + ", "
                                    + type.displayName() + ") takes constant bounds in KyroDB", f.pos());
                        }
                        if (k.value() instanceof EnumValue v) {
                            if (i == 0) {
                                low = v.order();
                            } else {
                                high = v.order();
                            }
                        }
                    }
                }
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < e.size(); i++) {
                    if (e.order(i) >= low && e.order(i) <= high) {
                        values.add(e.value(i));
                    }
                }
                yield new ConstExpr(SqlArray.of(values), SqlType.arrayOf(type));
            }
        };
    }
}

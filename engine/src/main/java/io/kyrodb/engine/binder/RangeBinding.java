package io.kyrodb.engine.binder;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.RangeFunction;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.Range;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Binds the range types' operators ({@code @> <@ && << >> &< &> -|- + * -}) and functions (the
 * constructors {@code int4range(lower, upper [, flags])} and the like, {@code lower}, {@code upper},
 * {@code isempty}, {@code lower_inc}, {@code upper_inc}, {@code lower_inf}, {@code upper_inf},
 * {@code range_merge}). Both sides of a range-range operator have one range type (an untyped side
 * is read as the other's, as PostgreSQL does); {@code @>} and {@code <@} also take an element of
 * the subtype. Comparison ({@code = <> < ...}) needs nothing here: ranges compare by {@link Range#compareTo}.
 */
final class RangeBinding {
    private RangeBinding() {
    }

    /** Whether {@code op} on these bound operands is a range operator (either side a range). */
    static boolean applies(BinaryOp op, BoundExpr left, BoundExpr right) {
        boolean range = left.type().kind().isRange() || right.type().kind().isRange();
        return switch (op) {
            case OVER_LEFT, OVER_RIGHT, ADJACENT -> true;   // range-only operators: 42883 for anything else
            case CONTAINS, CONTAINED_BY, OVERLAPS, SHIFT_LEFT, SHIFT_RIGHT, ADD, SUBTRACT, MULTIPLY -> range;
            default -> false;
        };
    }

    /** A range operator on bound operands (see {@link #applies}); 42883 when the types do not fit. */
    static BoundExpr operator(ExprBinder binder, Expr.Binary b, BoundExpr left, BoundExpr right) {
        SqlType l = left.type();
        SqlType r = right.type();
        if (b.op() == BinaryOp.CONTAINS && l.kind().isRange() && !r.kind().isRange() && r.kind() != TypeKind.UNKNOWN) {
            return elementTest(binder, b, RangeFunction.CONTAINS_ELEMENT, left, right, true);
        }
        if (b.op() == BinaryOp.CONTAINED_BY && r.kind().isRange() && !l.kind().isRange() && l.kind() != TypeKind.UNKNOWN) {
            return elementTest(binder, b, RangeFunction.ELEMENT_CONTAINED_BY, right, left, false);
        }
        SqlType common = Casts.common(l, r);
        if (common == null || !common.kind().isRange()) {
            throw binder.operatorDoesNotExist(b, left, right);
        }
        RangeFunction f = switch (b.op()) {
            case CONTAINS -> RangeFunction.CONTAINS;
            case CONTAINED_BY -> RangeFunction.CONTAINED_BY;
            case OVERLAPS -> RangeFunction.OVERLAPS;
            case SHIFT_LEFT -> RangeFunction.BEFORE;
            case SHIFT_RIGHT -> RangeFunction.AFTER;
            case OVER_LEFT -> RangeFunction.OVER_LEFT;
            case OVER_RIGHT -> RangeFunction.OVER_RIGHT;
            case ADJACENT -> RangeFunction.ADJACENT;
            case ADD -> RangeFunction.UNION;
            case MULTIPLY -> RangeFunction.INTERSECT;
            case SUBTRACT -> RangeFunction.DIFFERENCE;
            default -> throw binder.operatorDoesNotExist(b, left, right);
        };
        boolean algebra = f == RangeFunction.UNION || f == RangeFunction.INTERSECT || f == RangeFunction.DIFFERENCE;
        return new BuiltinExpr(f, List.of(binder.coerce(left, common, b.left().pos()), binder.coerce(right, common, b.right().pos())),
                algebra ? common : SqlType.BOOLEAN);
    }

    private static BoundExpr elementTest(ExprBinder binder, Expr.Binary b, RangeFunction f, BoundExpr range, BoundExpr element,
                                         boolean rangeFirst) {
        SqlType sub = Range.subtype(range.type().kind());
        if (!Casts.implicit(element.type(), sub)) {
            throw binder.operatorDoesNotExist(b, rangeFirst ? range : element, rangeFirst ? element : range);
        }
        BoundExpr e = binder.coerce(element, sub, (rangeFirst ? b.right() : b.left()).pos());
        return new BuiltinExpr(f, rangeFirst ? List.of(range, e) : List.of(e, range), SqlType.BOOLEAN);
    }

    /** A range function call, or null when {@code f} is none (or its arguments are no range: {@code lower(text)}). */
    static BoundExpr call(ExprBinder binder, Expr.FunctionCall f, List<BoundExpr> args) {
        String name = f.name();
        switch (name) {
            case "int4range", "int8range", "numrange", "daterange", "tsrange", "tstzrange" -> {
                if (args.size() < 2 || args.size() > 3) {
                    throw binder.noSuchFunction(f, args);
                }
                TypeKind kind = TypeKind.valueOf(name.toUpperCase(Locale.ROOT));
                SqlType sub = Range.subtype(kind);
                List<BoundExpr> a = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    if (!Casts.implicit(args.get(i).type(), sub)) {
                        throw binder.noSuchFunction(f, args);
                    }
                    a.add(binder.coerce(args.get(i), sub, f.arguments().get(i).pos()));
                }
                if (args.size() == 3) {
                    if (!Casts.implicit(args.get(2).type(), SqlType.TEXT)) {
                        throw binder.noSuchFunction(f, args);
                    }
                    a.add(binder.coerce(args.get(2), SqlType.TEXT, f.arguments().get(2).pos()));
                }
                return new BuiltinExpr(RangeFunction.CONSTRUCT, a, SqlType.of(kind));
            }
            case "lower", "upper", "isempty", "lower_inc", "upper_inc", "lower_inf", "upper_inf" -> {
                if (args.size() != 1 || !args.get(0).type().kind().isRange()) {
                    return null;
                }
                RangeFunction fn = RangeFunction.valueOf(name.toUpperCase(Locale.ROOT));
                SqlType result = fn == RangeFunction.LOWER || fn == RangeFunction.UPPER
                        ? Range.subtype(args.get(0).type().kind()) : SqlType.BOOLEAN;
                return new BuiltinExpr(fn, List.of(args.get(0)), result);
            }
            case "range_merge" -> {
                if (args.size() != 2) {
                    return null;
                }
                SqlType common = Casts.common(args.get(0).type(), args.get(1).type());
                if (common == null || !common.kind().isRange()) {
                    throw binder.noSuchFunction(f, args);
                }
                return new BuiltinExpr(RangeFunction.MERGE, List.of(binder.coerce(args.get(0), common, f.pos()),
                        binder.coerce(args.get(1), common, f.pos())), common);
            }
            default -> {
                return null;
            }
        }
    }
}

package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Numerics;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.Values;
import io.kyrodb.sql.ast.Expr.BinaryOp;

/**
 * {@code + - * / %} on two operands already converted to {@code type}. Integer results overflow
 * with 22003 and integer division truncates toward zero, as in Postgres; division by zero is 22012.
 */
public record ArithmeticExpr(BinaryOp op, BoundExpr left, BoundExpr right, SqlType type) implements BoundExpr {
    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object a = left.eval(row, ctx);
        if (a == null) {
            return null;
        }
        Object b = right.eval(row, ctx);
        if (b == null) {
            return null;
        }
        TypeKind k = type.kind();
        if (k.isInteger()) {
            return integer(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (k == TypeKind.NUMERIC) {
            if (a instanceof io.kyrodb.engine.types.NumericSpecial || b instanceof io.kyrodb.engine.types.NumericSpecial) {
                return special(a, b);
            }
            return numeric((java.math.BigDecimal) a, (java.math.BigDecimal) b);
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        double r = switch (op) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> {
                if (y == 0) {
                    throw divisionByZero();
                }
                yield x / y;
            }
            default -> throw new IllegalStateException(op.name());
        };
        if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return k == TypeKind.REAL ? (Object) (float) r : (Object) r;
    }

    private Object integer(long x, long y) {
        long r;
        try {
            r = switch (op) {
                case ADD -> Math.addExact(x, y);
                case SUBTRACT -> Math.subtractExact(x, y);
                case MULTIPLY -> Math.multiplyExact(x, y);
                case DIVIDE -> {
                    if (y == 0) {
                        throw divisionByZero();
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        throw new ArithmeticException();
                    }
                    yield x / y;
                }
                case MODULO -> {
                    if (y == 0) {
                        throw divisionByZero();
                    }
                    yield y == -1 ? 0 : x % y;
                }
                default -> throw new IllegalStateException(op.name());
            };
        } catch (ArithmeticException overflow) {
            throw Values.outOfRange(type, x + " " + op.symbol() + " " + y);
        }
        return Values.narrow(r, type);
    }

    private Object numeric(java.math.BigDecimal x, java.math.BigDecimal y) {
        return switch (op) {
            case ADD -> x.add(y);
            case SUBTRACT -> x.subtract(y);
            case MULTIPLY -> x.multiply(y);
            case DIVIDE -> Numerics.divide(x, y);
            case MODULO -> Numerics.modulo(x, y);
            default -> throw new IllegalStateException(op.name());
        };
    }

    /** numeric arithmetic where NaN or an infinity takes part (PostgreSQL 14's rules). */
    private Object special(Object x, Object y) {
        return switch (op) {
            case ADD -> io.kyrodb.engine.types.NumericSpecial.add(x, y);
            case SUBTRACT -> io.kyrodb.engine.types.NumericSpecial.subtract(x, y);
            case MULTIPLY -> io.kyrodb.engine.types.NumericSpecial.multiply(x, y);
            case DIVIDE -> io.kyrodb.engine.types.NumericSpecial.divide(x, y);
            case MODULO -> io.kyrodb.engine.types.NumericSpecial.modulo(x, y);
            default -> throw new IllegalStateException(op.name());
        };
    }

    static KyroException divisionByZero() {
        return new KyroException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }
}

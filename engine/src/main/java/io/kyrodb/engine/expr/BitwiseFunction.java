package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

/**
 * PostgreSQL's integer bit operators {@code & | # ~ << >>}. Both sides of {@code & | #} arrive
 * as the result type; a shift's count is an integer. Results wrap as PostgreSQL's C operators do
 * ({@code 1 << 31} is -2147483648 for integer; the shift count is taken modulo the width, as on
 * the hardware PostgreSQL runs on), so none of them raises an overflow.
 */
public enum BitwiseFunction implements Builtin {
    AND, OR, XOR, SHIFT_LEFT, SHIFT_RIGHT, NOT;

    @Override
    public Object apply(Object[] a, SqlType type) {
        long x = ((Number) a[0]).longValue();
        TypeKind k = type.kind();
        int width = k == TypeKind.BIGINT ? 64 : 32;   // smallint shifts as an int, then truncates, as in C
        long v = switch (this) {
            case AND -> x & ((Number) a[1]).longValue();
            case OR -> x | ((Number) a[1]).longValue();
            case XOR -> x ^ ((Number) a[1]).longValue();
            case NOT -> ~x;
            case SHIFT_LEFT -> width == 64 ? x << ((Number) a[1]).intValue() : (long) ((int) x << ((Number) a[1]).intValue());
            case SHIFT_RIGHT -> width == 64 ? x >> ((Number) a[1]).intValue() : (long) ((int) x >> ((Number) a[1]).intValue());
        };
        return switch (k) {
            case SMALLINT -> (short) v;
            case INTEGER -> (int) v;
            default -> v;
        };
    }
}

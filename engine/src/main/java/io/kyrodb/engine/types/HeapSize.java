package io.kyrodb.engine.types;

/**
 * Rough heap sizes of values and rows, for memory budgets (work_mem, memtables, transactions).
 * Assumes a 64-bit JVM with compressed references (12-byte object headers, 4-byte references,
 * 8-byte alignment) and counts every boxed value as its own object, even when the JVM would share
 * a cached one: an over-estimate spills or flushes a little early, an under-estimate risks an
 * OutOfMemoryError. Strings count as 40 + 2 bytes a char. Cheap: one type switch per value.
 */
public final class HeapSize {
    private HeapSize() {
    }

    /** One value of the engine's types (a composite key counts as a row); null costs nothing. */
    public static long of(Object v) {
        // the commonest values first, by plain type tests: a pattern switch's type dispatch costs
        // more than the estimate itself, and sorts and windows ask once per value of every row
        if (v instanceof Integer) {
            return 16;
        }
        if (v instanceof String s) {
            return 40 + 2L * s.length();
        }
        if (v == null) {
            return 0;
        }
        if (v instanceof Long) {
            return 24;
        }
        return switch (v) {
            case null -> 0;
            case String s -> 40 + 2L * s.length();
            case Long l -> 24;
            case Double d -> 24;
            case Integer i -> 16;
            case Short s -> 16;
            case Float f -> 16;
            case Boolean b -> 16;
            case Object[] parts -> of(parts);
            case float[] vector -> (16 + 4L * vector.length + 7) & ~7L;
            case io.kyrodb.engine.vector.HalfVector half -> half.heapSize();
            case io.kyrodb.engine.vector.SparseVector sparse -> sparse.heapSize();
            case BitString bits -> bits.heapSize();
            case double[] doubles -> 16 + 8L * doubles.length;
            case java.math.BigDecimal d -> 40 + 24 + ((d.unscaledValue().bitLength() / 8 + 16 + 7) & ~7L);
            case java.time.LocalDate d -> 24;
            case java.time.LocalTime t -> 24;
            case java.time.OffsetTime t -> 40;
            case java.time.LocalDateTime t -> 24 + 24 + 24;
            case java.time.Instant i -> 24;
            case Interval i -> 24;
            case java.util.UUID u -> 32;
            case EnumValue e -> 24 + 40 + 2L * e.label().length();
            case Bytes b -> 16 + ((16 + b.length() + 7) & ~7L);
            case Jsonb j -> 64 + 4L * j.toString().length();   // the tree and its cached text, roughly
            case SqlArray a -> 16 + of(a.elements());
            case Range r -> 40 + of(r.lower()) + of(r.upper());
            default -> 32;
        };
    }

    /** A row (or composite key): the array and every value it references. */
    public static long of(Object[] row) {
        long size = array(row.length);
        for (Object v : row) {
            size += of(v);
        }
        return size;
    }

    /** An {@code Object[]} of {@code length} references, without the objects they point to. */
    public static long array(int length) {
        return (16 + 4L * length + 7) & ~7L;
    }
}

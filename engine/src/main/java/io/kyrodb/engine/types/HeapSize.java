package io.kyrodb.engine.types;

/**
 * Estimates of the heap a value or a row occupies, for memory budgets (memtables, transactions).
 * Cheap and deliberately generous: a boxed number counts 16 bytes, a string 40 plus 2 a char.
 */
public final class HeapSize {
    private HeapSize() {
    }

    public static long of(Object v) {
        return switch (v) {
            case null -> 0;
            case String s -> 40L + 2L * s.length();
            case Object[] parts -> of(parts);
            default -> 16;
        };
    }

    /** A row (or composite key): the array and its values. */
    public static long of(Object[] row) {
        long n = 16L + 4L * row.length;
        for (Object v : row) {
            n += of(v);
        }
        return n;
    }
}

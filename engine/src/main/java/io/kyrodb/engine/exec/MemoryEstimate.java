package io.kyrodb.engine.exec;

/**
 * Rough heap sizes of rows and of the structures operators keep them in, for staying within
 * {@code work_mem}. Assumes a 64-bit JVM with compressed references (12-byte object headers,
 * 4-byte references, 8-byte alignment) and counts every boxed value as its own object, even when
 * the JVM would share a cached one: an over-estimate spills a little early, an under-estimate
 * risks an OutOfMemoryError. Strings count as 40 + 2 bytes per char (Latin-1 strings take half
 * that). Cheap: no reflection, one type switch per value.
 */
final class MemoryEstimate {
    /** A reference in an array or field. */
    static final long REFERENCE = 4;
    /** One entry of a HashMap or HashSet: the node (32) and its share of the bucket array (~8). */
    static final long HASH_ENTRY = 40;
    /** One entry of a TreeMap or TreeSet (the node with its key, value, three links and color). */
    static final long TREE_ENTRY = 40;
    /** An object with a few fields and no payload (a record, an Accumulator's shell). */
    static final long SMALL_OBJECT = 16;

    private MemoryEstimate() {
    }

    /** The row's array and every value it references. */
    static long row(Object[] row) {
        long size = array(row.length);
        for (Object v : row) {
            size += value(v);
        }
        return size;
    }

    /** An {@code Object[]} of {@code length} references, without the objects they point to. */
    static long array(int length) {
        return align(16 + REFERENCE * length);
    }

    /** One value of the engine's types (see {@link io.kyrodb.engine.types.Values}); null costs nothing. */
    static long value(Object v) {
        return switch (v) {
            case null -> 0;
            case String s -> 40 + 2L * s.length();
            case Long l -> 24;
            case Double d -> 24;
            case Integer i -> 16;
            case Short s -> 16;
            case Float f -> 16;
            case Boolean b -> 16;
            default -> 32;
        };
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}

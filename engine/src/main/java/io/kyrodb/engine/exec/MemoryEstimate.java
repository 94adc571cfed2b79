package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.HeapSize;

/**
 * Rough heap sizes of the structures operators keep rows in, for staying within {@code work_mem};
 * rows and values are {@link HeapSize}'s.
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
        return HeapSize.of(row);
    }

    /** An {@code Object[]} of {@code length} references, without the objects they point to. */
    static long array(int length) {
        return HeapSize.array(length);
    }

    /** One value of the engine's types; null costs nothing. */
    static long value(Object v) {
        return HeapSize.of(v);
    }
}

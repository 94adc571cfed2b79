package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.codec.ValueCodec;
import io.kyrodb.engine.types.TypeKind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Rows that are their keys: a secondary index's entries (key and row hold the same values) and
 * the rows of a table whose columns are all its primary key, in order. A run of such a table
 * stores a put whose row decodes exactly from its key as {@link RunFormat#KEY_ROW}, without the
 * row's bytes, which halves an index's run (its blocks, its share of the cache, the bytes a
 * probe walks). "Exactly": the key, decoded with the run's key kinds and encoded as a row, gives
 * the row's own bytes ({@code numeric} 1.50 and 1.5 share a key, not a row: such a row is stored).
 * Only kinds whose key decoding yields the very classes a row decodes to are eligible.
 */
public final class KeyRows {
    private static final Set<TypeKind> ELIGIBLE = EnumSet.of(TypeKind.SMALLINT, TypeKind.INTEGER, TypeKind.BIGINT,
            TypeKind.REAL, TypeKind.DOUBLE, TypeKind.BOOLEAN, TypeKind.TEXT, TypeKind.VARCHAR, TypeKind.NUMERIC,
            TypeKind.DATE, TypeKind.TIME, TypeKind.TIMETZ, TypeKind.TIMESTAMP, TypeKind.TIMESTAMPTZ,
            TypeKind.INTERVAL, TypeKind.UUID, TypeKind.BYTEA);

    private final TypeKind[] kinds;
    private final ByteWriter scratch = new ByteWriter(64);

    private KeyRows(TypeKind[] kinds) {
        this.kinds = kinds;
    }

    /** For a table whose rows are keys of {@code kinds}: null when some kind is not eligible. */
    public static KeyRows of(TypeKind[] kinds) {
        if (kinds == null || kinds.length == 0 || kinds.length > 255) {
            return null;
        }
        for (TypeKind k : kinds) {
            if (!ELIGIBLE.contains(k)) {
                return null;
            }
        }
        return new KeyRows(kinds.clone());
    }

    TypeKind[] kinds() {
        return kinds;
    }

    boolean sameKinds(TypeKind[] other) {
        return Arrays.equals(kinds, other);
    }

    /** Whether {@code row[off, off + len)} is what {@code key} decodes to, byte for byte. */
    boolean isKeyRow(byte[] key, byte[] row, int off, int len) {
        Object[] values;
        try {
            values = KeyCodec.decodeColumns(key, 0, key.length, kinds);
        } catch (FormatException | IllegalArgumentException e) {
            return false;
        }
        scratch.reset();
        ValueCodec.writeRow(scratch, values);
        return scratch.size() == len && Arrays.equals(scratch.array(), 0, len, row, off, off + len);
    }

    /** The row of a {@link RunFormat#KEY_ROW} entry whose key is {@code data[off, off + len)}. */
    static Object[] decode(byte[] data, int off, int len, TypeKind[] kinds) {
        return KeyCodec.decodeColumns(data, off, len, kinds);
    }

    /** The row bytes of a {@link RunFormat#KEY_ROW} entry (a compaction into a run of other kinds). */
    static byte[] encode(byte[] data, int off, int len, TypeKind[] kinds) {
        ByteWriter w = new ByteWriter(len + 16);
        ValueCodec.writeRow(w, decode(data, off, len, kinds));
        return w.toByteArray();
    }
}

package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;
import io.kyrodb.engine.storage.codec.ValueCodec;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a transaction's changes as one WAL record payload, and table definitions in checkpoints.
 * <pre>
 * payload  := u32 count, change*
 * change   := u8 tag (1 create, 2 drop, 3 put, 4 delete, 5 create index, 6 drop index), then
 *             create: str name, u16 ncols, (str name, type, bool notNull)*,
 *                     u16 npk, u16 column*
 *             drop:   str name
 *             put:    str table, key, row          (table: a table's or an index's name)
 *             delete: str table, key
 *             create index: str name, str table, bool unique, u16 n, (u16 column, bool descending)*
 *             drop index:   str name
 * key      := u8 0 then value (single), or u8 1, u16 n, value* (composite)
 * row      := u16 ncols, value*
 * type     := u8 kind ordinal, u32 length (varchar's limit, vector's dimensions), and for an array
 *             (kind ARRAY) then its element's type
 * </pre>
 * Values and strings are {@link ValueCodec}'s; integers big-endian. These tags are on disk: never
 * renumber them; add new ones.
 */
public final class ChangeCodec {
    private static final TypeKind[] KINDS = TypeKind.values();

    private ChangeCodec() {
    }

    public static byte[] encode(List<Change> changes) {
        ByteWriter out = new ByteWriter(64 * changes.size() + 16);
        out.u32(changes.size());
        for (Change c : changes) {
            write(out, c);
        }
        return out.toByteArray();
    }

    /** Decodes a payload; {@code where} names the record for the corruption error. */
    public static List<Change> decode(byte[] payload, String where) {
        ByteReader in = new ByteReader(payload);
        try {
            int n = in.u32();
            if (n < 0) {
                throw new FormatException(0, "negative change count " + n);
            }
            List<Change> out = new ArrayList<>(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
                out.add(read(in));
            }
            if (in.remaining() > 0) {
                throw new FormatException(in.position(), in.remaining() + " trailing bytes");
            }
            return out;
        } catch (FormatException e) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "corrupt change record " + where + ": " + e.getMessage(), e);
        }
    }

    static void write(ByteWriter out, Change c) {
        switch (c) {
            case Change.CreateTable t -> {
                out.u8(1);
                writeTable(out, t);
            }
            case Change.DropTable d -> out.u8(2).string(d.name());
            case Change.Put p -> {
                out.u8(3).string(p.table());
                writeKey(out, p.key());
                ValueCodec.writeRow(out, p.row());
            }
            case Change.Delete d -> {
                out.u8(4).string(d.table());
                writeKey(out, d.key());
            }
            case Change.CreateIndex i -> {
                out.u8(5);
                writeIndex(out, i);
            }
            case Change.DropIndex d -> out.u8(6).string(d.name());
        }
    }

    static Change read(ByteReader in) {
        int at = in.position();
        int tag = in.u8();
        return switch (tag) {
            case 1 -> readTable(in);
            case 2 -> new Change.DropTable(in.string());
            case 3 -> new Change.Put(in.string(), readKey(in), ValueCodec.readRow(in));
            case 4 -> new Change.Delete(in.string(), readKey(in));
            case 5 -> readIndex(in);
            case 6 -> new Change.DropIndex(in.string());
            default -> throw new FormatException(at, "unknown change tag " + tag);
        };
    }

    /**
     * An index definition, without the tag: the body of a CreateIndex change, also used by checkpoints.
     * {@code str name | str table | u8 unique | u16 n | (u16 column | u8 descending)*}
     */
    public static void writeIndex(ByteWriter out, Change.CreateIndex i) {
        out.string(i.name()).string(i.table()).u8(i.unique() ? 1 : 0).u16(i.columns().length);
        for (int c = 0; c < i.columns().length; c++) {
            out.u16(i.columns()[c]).u8(i.descending()[c] ? 1 : 0);
        }
    }

    public static Change.CreateIndex readIndex(ByteReader in) {
        String name = in.string();
        String table = in.string();
        boolean unique = in.u8() != 0;
        int at = in.position();
        int n = in.u16();
        if (n == 0) {
            throw new FormatException(at, "index \"" + name + "\" has no columns");
        }
        int[] columns = new int[n];
        boolean[] descending = new boolean[n];
        for (int c = 0; c < n; c++) {
            columns[c] = in.u16();
            descending[c] = in.u8() != 0;
        }
        return new Change.CreateIndex(name, table, columns, descending, unique);
    }

    /** A table definition, without the tag: the body of a CreateTable change, also used by checkpoints. */
    public static void writeTable(ByteWriter out, Change.CreateTable t) {
        out.string(t.name());
        out.u16(t.columns().size());
        for (Column col : t.columns()) {
            out.string(col.name());
            writeType(out, col.type());
            out.u8(col.notNull() ? 1 : 0);
        }
        out.u16(t.primaryKey().length);
        for (int k : t.primaryKey()) {
            out.u16(k);
        }
    }

    /** A column type: u8 kind ordinal, u32 length; an array then its element type the same way. */
    private static void writeType(ByteWriter out, SqlType type) {
        out.u8(type.kind().ordinal());
        out.u32(type.length());
        if (type.kind() == TypeKind.ARRAY) {
            writeType(out, type.element());
        }
    }

    private static SqlType readType(ByteReader in) {
        int at = in.position();
        int kind = in.u8();
        if (kind >= KINDS.length) {
            throw new FormatException(at, "unknown type kind " + kind);
        }
        int length = in.u32();
        if (KINDS[kind] == TypeKind.ARRAY) {
            SqlType element = readType(in);
            if (element.kind() == TypeKind.ARRAY) {
                throw new FormatException(at, "array of arrays at offset " + at);
            }
            return new SqlType(TypeKind.ARRAY, length, element);
        }
        return new SqlType(KINDS[kind], length);
    }

    public static Change.CreateTable readTable(ByteReader in) {
        String name = in.string();
        int n = in.u16();
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String col = in.string();
            columns.add(new Column(col, readType(in), in.u8() != 0));
        }
        int[] pk = new int[in.u16()];
        for (int i = 0; i < pk.length; i++) {
            int at = in.position();
            pk[i] = in.u16();
            if (pk[i] >= n) {
                throw new FormatException(at, "primary key column " + pk[i] + " of a table with " + n + " columns");
            }
        }
        return new Change.CreateTable(name, columns, pk);
    }

    private static void writeKey(ByteWriter out, Object key) {
        if (key instanceof Object[] parts) {
            out.u8(1).u16(parts.length);
            for (Object p : parts) {
                ValueCodec.write(out, p);
            }
        } else {
            out.u8(0);
            ValueCodec.write(out, key);
        }
    }

    private static Object readKey(ByteReader in) {
        int at = in.position();
        int kind = in.u8();
        if (kind == 0) {
            return ValueCodec.read(in);
        }
        if (kind != 1) {
            throw new FormatException(at, "unknown key kind " + kind);
        }
        Object[] parts = new Object[in.u16()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = ValueCodec.read(in);
        }
        return parts;
    }
}

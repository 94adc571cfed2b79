package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a statement's changes as one journal record payload, and values in rows and keys.
 * <pre>
 * payload  := u32 count, change*
 * change   := u8 tag (1 create, 2 drop, 3 put, 4 delete), then
 *             create: utf name, u16 ncols, (utf name, u8 type kind ordinal, u32 length, bool notNull)*,
 *                     u16 npk, u16 column*
 *             drop:   utf name
 *             put:    utf table, key, u16 ncols, value*
 *             delete: utf table, key
 * key      := u8 0 then value (single), or u8 1, u16 n, value* (composite)
 * value    := u8 tag (0 null, 1 short, 2 int, 3 long, 4 float, 5 double, 6 false, 7 true, 8 string) + bytes
 * </pre>
 * Integers are big-endian (DataOutput); strings are u32 length + UTF-8. These tags are on disk:
 * never renumber them; add new ones.
 */
public final class ChangeCodec {
    private static final TypeKind[] KINDS = TypeKind.values();

    private ChangeCodec() {
    }

    public static byte[] encode(List<Change> changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * changes.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(changes.size());
            for (Change c : changes) {
                write(out, c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a payload; {@code where} names the record for the corruption error. */
    public static List<Change> decode(byte[] payload, String where) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("negative change count " + n);
            }
            List<Change> out = new ArrayList<>(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
                out.add(read(in));
            }
            if (in.available() > 0) {
                throw new IOException(in.available() + " trailing bytes");
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "corrupt change record " + where + ": " + e.getMessage(), e);
        }
    }

    static void write(DataOutputStream out, Change c) throws IOException {
        switch (c) {
            case Change.CreateTable t -> {
                out.writeByte(1);
                writeString(out, t.name());
                out.writeShort(t.columns().size());
                for (Column col : t.columns()) {
                    writeString(out, col.name());
                    out.writeByte(col.type().kind().ordinal());
                    out.writeInt(col.type().length());
                    out.writeBoolean(col.notNull());
                }
                out.writeShort(t.primaryKey().length);
                for (int k : t.primaryKey()) {
                    out.writeShort(k);
                }
            }
            case Change.DropTable d -> {
                out.writeByte(2);
                writeString(out, d.name());
            }
            case Change.Put p -> {
                out.writeByte(3);
                writeString(out, p.table());
                writeKey(out, p.key());
                out.writeShort(p.row().length);
                for (Object v : p.row()) {
                    writeValue(out, v);
                }
            }
            case Change.Delete d -> {
                out.writeByte(4);
                writeString(out, d.table());
                writeKey(out, d.key());
            }
        }
    }

    static Change read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 1 -> {
                String name = readString(in);
                int n = in.readUnsignedShort();
                List<Column> columns = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String col = readString(in);
                    int kind = in.readUnsignedByte();
                    if (kind >= KINDS.length) {
                        throw new IOException("unknown type kind " + kind);
                    }
                    int length = in.readInt();
                    columns.add(new Column(col, new SqlType(KINDS[kind], length), in.readBoolean()));
                }
                int[] pk = new int[in.readUnsignedShort()];
                for (int i = 0; i < pk.length; i++) {
                    pk[i] = in.readUnsignedShort();
                }
                return new Change.CreateTable(name, columns, pk);
            }
            case 2 -> {
                return new Change.DropTable(readString(in));
            }
            case 3 -> {
                String table = readString(in);
                Object key = readKey(in);
                Object[] row = new Object[in.readUnsignedShort()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = readValue(in);
                }
                return new Change.Put(table, key, row);
            }
            case 4 -> {
                return new Change.Delete(readString(in), readKey(in));
            }
            default -> throw new IOException("unknown change tag " + tag);
        }
    }

    private static void writeKey(DataOutputStream out, Object key) throws IOException {
        if (key instanceof Object[] parts) {
            out.writeByte(1);
            out.writeShort(parts.length);
            for (Object p : parts) {
                writeValue(out, p);
            }
        } else {
            out.writeByte(0);
            writeValue(out, key);
        }
    }

    private static Object readKey(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        if (kind == 0) {
            return readValue(in);
        }
        if (kind != 1) {
            throw new IOException("unknown key kind " + kind);
        }
        Object[] parts = new Object[in.readUnsignedShort()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = readValue(in);
        }
        return parts;
    }

    static void writeValue(DataOutputStream out, Object v) throws IOException {
        switch (v) {
            case null -> out.writeByte(0);
            case Short s -> { out.writeByte(1); out.writeShort(s); }
            case Integer i -> { out.writeByte(2); out.writeInt(i); }
            case Long l -> { out.writeByte(3); out.writeLong(l); }
            case Float f -> { out.writeByte(4); out.writeFloat(f); }
            case Double d -> { out.writeByte(5); out.writeDouble(d); }
            case Boolean b -> out.writeByte(b ? 7 : 6);
            case String s -> { out.writeByte(8); writeString(out, s); }
            default -> throw new IllegalArgumentException("cannot store " + v.getClass());
        }
    }

    static Object readValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> in.readShort();
            case 2 -> in.readInt();
            case 3 -> in.readLong();
            case 4 -> in.readFloat();
            case 5 -> in.readDouble();
            case 6 -> Boolean.FALSE;
            case 7 -> Boolean.TRUE;
            case 8 -> readString(in);
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("string length " + n + " exceeds the record");
        }
        byte[] b = in.readNBytes(n);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}

package io.kyrodb.engine.storage.codec;

import io.kyrodb.engine.types.TypeKind;

import java.nio.charset.StandardCharsets;

/**
 * Order-preserving key encoding: for keys {@code a} and {@code b} of one table,
 * {@code KeyComparator.compare(a, b)} and the unsigned byte order of {@code encode(a)} and
 * {@code encode(b)} agree. Run files, memtables and Bloom filters work on these bytes, and the
 * learned index models their first 8 bytes. A composite key is its columns' encodings concatenated.
 * <pre>
 * smallint, integer, bigint, row id : 8 bytes, big-endian, sign bit flipped (so -1 &lt; 0 unsigned)
 * real, double precision            : 8 bytes of the double's bits; positive: sign bit flipped,
 *                                     negative: all bits flipped; -0.0 is stored as 0.0, NaN (the
 *                                     largest value, as in Postgres) as the canonical NaN
 * boolean                           : 1 byte, 0 or 1
 * text, varchar                     : UTF-8 (whose byte order is code point order), 0x00 written as
 *                                     0x00 0xFF, terminated by 0x00 0x01
 * vector                            : per element 0x01 then 4 bytes of the float's bits (positive:
 *                                     sign bit flipped, negative: all bits flipped, -0 as 0),
 *                                     terminated by 0x00: element by element, then shorter first
 * halfvec                           : as a vector of its elements widened to float32 (exact)
 * uuid                              : its 16 bytes (Postgres's order is unsigned byte order)
 * bytea                             : the bytes, 0x00 written as 0x00 0xFF, terminated by 0x00 0x01
 * </pre>
 * Keys never hold NULL. These encodings are on disk: never change them; add a version instead.
 */
public final class KeyCodec {
    private KeyCodec() {
    }

    /** The encoding of a single-column key, a composite key ({@code Object[]}) or a row id. */
    public static byte[] encode(Object key) {
        if (key instanceof Long l) {
            byte[] b = new byte[8];
            ByteWriter.putLong(b, 0, l ^ Long.MIN_VALUE);
            return b;
        }
        ByteWriter out = new ByteWriter(32);
        if (key instanceof Object[] parts) {
            for (Object p : parts) {
                write(out, p);
            }
        } else {
            write(out, key);
        }
        return out.toByteArray();
    }

    private static void write(ByteWriter out, Object v) {
        switch (v) {
            case Long l -> out.u64(l ^ Long.MIN_VALUE);
            case Integer i -> out.u64(i ^ Long.MIN_VALUE);
            case Short s -> out.u64(s ^ Long.MIN_VALUE);
            case Double d -> out.u64(sortableBits(d));
            case Float f -> out.u64(sortableBits(f.doubleValue()));
            case Boolean b -> out.u8(b ? 1 : 0);
            case String s -> escaped(out, s.getBytes(StandardCharsets.UTF_8));
            case java.util.UUID u -> out.u64(u.getMostSignificantBits()).u64(u.getLeastSignificantBits());
            case io.kyrodb.engine.types.Bytes b -> escaped(out, b.array());
            case float[] vector -> {
                for (float f : vector) {
                    int bits = Float.floatToIntBits(f == 0 ? 0f : f);
                    out.u8(1).u32(bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE);
                }
                out.u8(0);
            }
            case io.kyrodb.engine.vector.HalfVector half -> write(out, half.toFloats());
            case null -> throw new IllegalArgumentException("a key cannot hold NULL");
            default -> throw new IllegalArgumentException("cannot use a " + v.getClass().getName() + " in a key");
        }
    }

    private static void escaped(ByteWriter out, byte[] bytes) {
        for (byte b : bytes) {
            out.u8(b);
            if (b == 0) {
                out.u8(0xFF);
            }
        }
        out.u8(0).u8(1);
    }

    private static long sortableBits(double d) {
        if (d == 0) {
            d = 0.0;
        }
        long bits = Double.doubleToLongBits(d);   // canonical NaN
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    /**
     * Decodes a key of columns of {@code kinds} (one element: a single-column key or row id,
     * returned bare; more: an {@code Object[]}), with each value of its kind's Java class.
     */
    public static Object decode(byte[] key, TypeKind[] kinds) {
        ByteReader in = new ByteReader(key);
        if (kinds.length == 1) {
            Object v = read(in, kinds[0]);
            requireEnd(in);
            return v;
        }
        Object[] parts = new Object[kinds.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = read(in, kinds[i]);
        }
        requireEnd(in);
        return parts;
    }

    private static void requireEnd(ByteReader in) {
        if (in.remaining() != 0) {
            throw new FormatException(in.position(), in.remaining() + " bytes after the key");
        }
    }

    private static Object read(ByteReader in, TypeKind kind) {
        return switch (kind) {
            case SMALLINT -> (short) (in.u64() ^ Long.MIN_VALUE);
            case INTEGER -> (int) (in.u64() ^ Long.MIN_VALUE);
            case BIGINT -> in.u64() ^ Long.MIN_VALUE;
            case DOUBLE -> doubleOf(in.u64());
            case REAL -> (float) doubleOf(in.u64());
            case BOOLEAN -> in.u8() != 0;
            case TEXT, VARCHAR -> new String(readEscaped(in, "text"), StandardCharsets.UTF_8);
            case UUID -> new java.util.UUID(in.u64(), in.u64());
            case BYTEA -> io.kyrodb.engine.types.Bytes.wrap(readEscaped(in, "bytea"));
            case VECTOR -> readVector(in);
            case HALFVEC -> io.kyrodb.engine.vector.HalfVector.of(readVector(in));
            default -> throw new IllegalArgumentException("no key encoding for " + kind);
        };
    }

    private static double doubleOf(long sortable) {
        return Double.longBitsToDouble(sortable < 0 ? sortable ^ Long.MIN_VALUE : ~sortable);
    }

    private static float[] readVector(ByteReader in) {
        float[] v = new float[8];
        int n = 0;
        while (true) {
            int at = in.position();
            int marker = in.u8();
            if (marker == 0) {
                return java.util.Arrays.copyOf(v, n);
            }
            if (marker != 1) {
                throw new FormatException(at, "bad element marker 0x" + Integer.toHexString(marker) + " in a vector key");
            }
            int sortable = in.u32();
            if (n == v.length) {
                v = java.util.Arrays.copyOf(v, 2 * n);
            }
            v[n++] = Float.intBitsToFloat(sortable < 0 ? sortable ^ Integer.MIN_VALUE : ~sortable);
        }
    }

    private static byte[] readEscaped(ByteReader in, String what) {
        ByteWriter utf8 = new ByteWriter(32);
        while (true) {
            int b = in.u8();
            if (b != 0) {
                utf8.u8(b);
                continue;
            }
            int at = in.position();
            int next = in.u8();
            if (next == 1) {
                return utf8.toByteArray();
            }
            if (next != 0xFF) {
                throw new FormatException(at, "bad escape 0x00 0x" + Integer.toHexString(next) + " in a " + what + " key");
            }
            utf8.u8(0);
        }
    }

    /** The first 8 bytes of an encoded key as an unsigned-ordered long (zero-padded): the learned index's input. */
    public static long prefix(byte[] key) {
        if (key.length >= 8) {
            return ByteReader.getLong(key, 0);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (i < key.length ? key[i] & 0xFF : 0);
        }
        return v;
    }
}

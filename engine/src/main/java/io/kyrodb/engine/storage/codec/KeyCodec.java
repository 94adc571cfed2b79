package io.kyrodb.engine.storage.codec;

import io.kyrodb.engine.types.TypeKind;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
 * sparsevec                         : the dense vector's order, as segments: each non-zero element
 *                                     with L, the zeros before it since the previous one, is
 *                                     0x01 u32(L) 0x01 float-bits when negative, 0x02 u32(~L)
 *                                     float-bits when positive (float bits as for vector); then
 *                                     0x01 u32(L) 0x00 with L the zeros after the last one
 * bit, bit varying                  : the packed bytes escaped as bytea's, then u32 length in bits
 * numeric                           : 0x00 -Infinity, 0x01 negative, 0x02 zero, 0x03 positive, 0x04
 *                                     Infinity, 0x05 NaN (Postgres's order: NaN above all); then (for
 *                                     0x01 and 0x03 only)
 *                                     the decimal exponent + 2^23 as 3 bytes and the significant
 *                                     digits (trailing zeros dropped) in pairs, one byte each:
 *                                     2*pair+2 while more follow, 2*pair+1 for the last (an odd last
 *                                     digit padded with 0); negative numbers store every byte after
 *                                     the sign complemented. So 1.0 = 1.00, and the first 8 bytes hold
 *                                     8 significant digits for the learned index.
 * date, time, timestamp, timestamptz: 8 bytes of {@link TemporalCodes}' number (time: microseconds
 *                                     since midnight), sign bit flipped
 * timetz                            : 8 bytes of the UTC time in microseconds (time minus offset),
 *                                     sign bit flipped, then 4 bytes of the offset negated (seconds
 *                                     west), sign bit flipped: Postgres's order, the larger offset first
 * interval                          : 16 bytes: its length in microseconds with 30-day months as a
 *                                     128-bit two's-complement number, sign bit flipped ('1 mon' =
 *                                     '30 days', as Postgres's btree compares them)
 * enum                              : 8 bytes of its sort order as real's, then its label as text's
 *                                     (the order alone decides: it is unique within the type)
 * uuid                              : its 16 bytes (Postgres's order is unsigned byte order)
 * bytea                             : the bytes, 0x00 written as 0x00 0xFF, terminated by 0x00 0x01
 * array                             : per element (row-major) 0x02, a tag of the element's class (1
 *                                     integers, 2 floats, then {@link #ELEMENT_CLASSES}' position + 3)
 *                                     and its encoding, or 0x03 for a NULL element; terminated by 0x00
 *                                     (up to one dimension) or by 0x01, the dimension count (1 byte)
 *                                     and each length (4 bytes): element by element, NULL after any
 *                                     value, then shorter first, then fewer dimensions, then by lengths
 * jsonb                             : 0x03 and the value for an object root, else 0x02, the element
 *                                     count as 4 bytes (1 for a scalar), 0x00 for a scalar (Postgres's
 *                                     raw scalar sorts before the array of one) or 0x01 for an array,
 *                                     and the value. A value is its rank byte (0 null, 1 string, 2
 *                                     number, 3 boolean, 4 array, 5 object), then: a string as text,
 *                                     a number as numeric, a boolean 1 byte, an array its size as 4
 *                                     bytes and its values, an object its size as 4 bytes and its pairs
 *                                     in storage order, key as text then value ({@code jsonb_cmp}'s order)
 * int4range .. tstzrange              : 0x00 for empty; else 0x01, the lower bound (0x00 when infinite,
 *                                     else 0x01, the subtype's encoding, 0x00 inclusive / 0x01 exclusive)
 *                                     and the upper bound (0x02 when infinite, else 0x01, the subtype's
 *                                     encoding, 0x00 exclusive / 0x01 inclusive): {@code range_cmp}'s order
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

    /**
     * {@code encode(new Object[]{Boolean.FALSE, value})}: the prefix of the index entries whose
     * leading value is {@code value} (not NULL). An integer needs neither the array nor a writer:
     * an index probe per outer row encodes one.
     */
    public static byte[] encodeIndexPrefix(Object value) {
        return encodeIndexPrefix(value, null);
    }

    /**
     * {@link #encodeIndexPrefix(Object)} written into {@code reuse} when the prefix is an integer's
     * 9 bytes and {@code reuse} holds 9 (an index probe per outer row then allocates nothing).
     */
    public static byte[] encodeIndexPrefix(Object value, byte[] reuse) {
        long bits;
        if (value instanceof Integer i) {
            bits = i;
        } else if (value instanceof Long l) {
            bits = l;
        } else if (value instanceof Short s) {
            bits = s;
        } else {
            return encode(new Object[]{Boolean.FALSE, value});
        }
        byte[] b = reuse != null && reuse.length == 9 ? reuse : new byte[9];
        b[0] = 0;   // Boolean.FALSE, the NULL flag of a value
        ByteWriter.putLong(b, 1, bits ^ Long.MIN_VALUE);
        return b;
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
            case io.kyrodb.engine.types.EnumValue e -> {
                // the order decides (it is unique within the type); the label follows so the key reads back whole
                out.u64(sortableBits(e.order()));
                escaped(out, e.label().getBytes(StandardCharsets.UTF_8));
            }
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
            case io.kyrodb.engine.vector.SparseVector sparse -> writeSparse(out, sparse);
            case io.kyrodb.engine.types.BitString bits -> {
                escaped(out, bits.toBytes());
                out.u32(bits.length());
            }
            case java.math.BigDecimal d -> writeNumeric(out, d);
            case io.kyrodb.engine.types.NumericSpecial n -> out.u8(n.isNaN() ? 5 : n.signum() > 0 ? 4 : 0);
            case java.time.LocalDate d -> out.u64(TemporalCodes.date(d) ^ Long.MIN_VALUE);
            case java.time.LocalTime t -> out.u64(t.toNanoOfDay() / 1000 ^ Long.MIN_VALUE);
            case java.time.OffsetTime t -> out.u64(io.kyrodb.engine.types.TimeTz.utcMicros(t) ^ Long.MIN_VALUE)
                    .u32(-t.getOffset().getTotalSeconds() ^ Integer.MIN_VALUE);
            case java.time.LocalDateTime t -> out.u64(TemporalCodes.timestamp(t) ^ Long.MIN_VALUE);
            case java.time.Instant i -> out.u64(TemporalCodes.timestamptz(i) ^ Long.MIN_VALUE);
            case io.kyrodb.engine.types.Interval i -> {
                java.math.BigInteger span = java.math.BigInteger.valueOf((long) i.months() * 30 + i.days())
                        .multiply(java.math.BigInteger.valueOf(io.kyrodb.engine.types.Interval.MICROS_PER_DAY))
                        .add(java.math.BigInteger.valueOf(i.micros()));
                out.u64(span.shiftRight(64).longValue() ^ Long.MIN_VALUE).u64(span.longValue());
            }
            case io.kyrodb.engine.types.SqlArray a -> writeArray(out, a);
            case io.kyrodb.engine.types.Jsonb j -> writeJsonb(out, j);
            case io.kyrodb.engine.types.Range r -> writeRange(out, r);
            case null -> throw new IllegalArgumentException("a key cannot hold NULL");
            default -> throw new IllegalArgumentException("cannot use a " + v.getClass().getName() + " in a key");
        }
    }

    /** Element classes of arrays after integers (tag 1) and floats (tag 2): tag = position + 3. */
    private static final List<Class<?>> ELEMENT_CLASSES = List.of(Boolean.class, String.class,
            java.util.UUID.class, io.kyrodb.engine.types.Bytes.class, float[].class,
            io.kyrodb.engine.vector.HalfVector.class, java.math.BigDecimal.class, java.time.LocalDate.class,
            java.time.LocalTime.class, java.time.LocalDateTime.class, java.time.Instant.class,
            io.kyrodb.engine.types.Interval.class, io.kyrodb.engine.types.Jsonb.class,
            io.kyrodb.engine.types.SqlArray.class, java.time.OffsetTime.class, io.kyrodb.engine.types.EnumValue.class);
    private static final TypeKind[] ELEMENT_KINDS = {TypeKind.BOOLEAN, TypeKind.TEXT, TypeKind.UUID,
            TypeKind.BYTEA, TypeKind.VECTOR, TypeKind.HALFVEC, TypeKind.NUMERIC, TypeKind.DATE, TypeKind.TIME,
            TypeKind.TIMESTAMP, TypeKind.TIMESTAMPTZ, TypeKind.INTERVAL, TypeKind.JSONB, TypeKind.ARRAY, TypeKind.TIMETZ, TypeKind.ENUM};

    private static void writeArray(ByteWriter out, io.kyrodb.engine.types.SqlArray a) {
        for (int i = 0; i < a.length(); i++) {
            Object e = a.get(i);
            if (e == null) {
                out.u8(3);
                continue;
            }
            out.u8(2);
            if (e instanceof Long || e instanceof Integer || e instanceof Short) {
                out.u8(1);
            } else if (e instanceof Double || e instanceof Float) {
                out.u8(2);
            } else {
                // numeric NaN and the infinities share finite numeric's tag: the sign byte tells them apart
                int tag = ELEMENT_CLASSES.indexOf(e instanceof io.kyrodb.engine.types.NumericSpecial
                        ? java.math.BigDecimal.class : e.getClass());
                if (tag < 0) {
                    throw new IllegalArgumentException("cannot use a " + e.getClass().getName() + " in an array key");
                }
                out.u8(tag + 3);
            }
            write(out, e);
        }
        if (a.ndims() > 1) {
            int[] dims = a.dims();
            out.u8(1).u8(dims.length);
            for (int d : dims) {
                out.u32(d);
            }
        } else {
            out.u8(0);
        }
    }

    private static io.kyrodb.engine.types.SqlArray readArray(ByteReader in) {
        List<Object> elements = new java.util.ArrayList<>();
        while (true) {
            int at = in.position();
            int marker = in.u8();
            switch (marker) {
                case 0 -> {
                    return io.kyrodb.engine.types.SqlArray.of(elements);
                }
                case 1 -> {
                    int[] dims = new int[in.u8()];
                    for (int d = 0; d < dims.length; d++) {
                        dims[d] = in.u32();
                    }
                    try {
                        return io.kyrodb.engine.types.SqlArray.ofShape(dims, elements.toArray());
                    } catch (IllegalArgumentException e) {
                        throw new FormatException(at, e.getMessage() + " in an array key");
                    }
                }
                case 3 -> elements.add(null);
                case 2 -> {
                    int tagAt = in.position();
                    int tag = in.u8();
                    TypeKind kind = tag == 1 ? TypeKind.BIGINT : tag == 2 ? TypeKind.DOUBLE
                            : tag >= 3 && tag < ELEMENT_KINDS.length + 3 ? ELEMENT_KINDS[tag - 3] : null;
                    if (kind == null) {
                        throw new FormatException(tagAt, "bad element tag 0x" + Integer.toHexString(tag) + " in an array key");
                    }
                    elements.add(read(in, kind));
                }
                default -> throw new FormatException(at, "bad element marker 0x" + Integer.toHexString(marker) + " in an array key");
            }
        }
    }

    private static void writeJsonb(ByteWriter out, io.kyrodb.engine.types.Jsonb j) {
        Object root = j.root();
        if (root instanceof Map<?, ?>) {
            out.u8(3);
        } else {
            boolean array = root instanceof List<?>;
            out.u8(2).u32(array ? ((List<?>) root).size() : 1).u8(array ? 1 : 0);
        }
        writeJson(out, root);
    }

    private static void writeJson(ByteWriter out, Object v) {
        switch (v) {
            case String s -> escaped(out.u8(1), s.getBytes(StandardCharsets.UTF_8));
            case java.math.BigDecimal d -> writeNumeric(out.u8(2), d);
            case Boolean b -> out.u8(3).u8(b ? 1 : 0);
            case List<?> l -> {
                out.u8(4).u32(l.size());
                for (Object e : l) {
                    writeJson(out, e);
                }
            }
            case Map<?, ?> m -> {
                out.u8(5).u32(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    escaped(out, ((String) e.getKey()).getBytes(StandardCharsets.UTF_8));
                    writeJson(out, e.getValue());
                }
            }
            default -> out.u8(0);
        }
    }

    private static io.kyrodb.engine.types.Jsonb readJsonb(ByteReader in) {
        int at = in.position();
        int form = in.u8();
        if (form == 2) {
            in.u32();
            in.u8();
        } else if (form != 3) {
            throw new FormatException(at, "bad root byte 0x" + Integer.toHexString(form) + " in a jsonb key");
        }
        return io.kyrodb.engine.types.Jsonb.of(readJson(in));
    }

    private static Object readJson(ByteReader in) {
        int at = in.position();
        int rank = in.u8();
        return switch (rank) {
            case 0 -> null;
            case 1 -> new String(readEscaped(in, "jsonb"), StandardCharsets.UTF_8);
            case 2 -> readNumeric(in);
            case 3 -> in.u8() != 0;
            case 4 -> {
                int n = in.u32();
                List<Object> l = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    l.add(readJson(in));
                }
                yield l;
            }
            case 5 -> {
                int n = in.u32();
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String k = new String(readEscaped(in, "jsonb"), StandardCharsets.UTF_8);
                    m.put(k, readJson(in));
                }
                yield m;
            }
            default -> throw new FormatException(at, "bad value rank 0x" + Integer.toHexString(rank) + " in a jsonb key");
        };
    }

    /**
     * Segments whose unsigned byte order is pgvector's sparsevec order (that of the dense vectors):
     * at the first difference, a negative element sorts below the zero or end the other has there,
     * a positive one above, and a run of zeros that ends sooner sorts lower when a negative element
     * or the end follows it, higher when a positive one does.
     */
    private static void writeSparse(ByteWriter out, io.kyrodb.engine.vector.SparseVector v) {
        int previous = -1;
        for (int k = 0; k < v.nonZero(); k++) {
            int zeros = v.index(k) - previous - 1;
            float f = v.value(k);
            int bits = Float.floatToIntBits(f);
            int sortable = bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
            if (f < 0) {
                out.u8(1).u32(zeros).u8(1).u32(sortable);
            } else {
                out.u8(2).u32(~zeros).u32(sortable);
            }
            previous = v.index(k);
        }
        out.u8(1).u32(v.dimensions() - previous - 1).u8(0);
    }

    private static io.kyrodb.engine.vector.SparseVector readSparse(ByteReader in) {
        int[] indices = new int[8];
        float[] values = new float[8];
        int n = 0;
        int previous = -1;
        while (true) {
            int at = in.position();
            int marker = in.u8();
            int zeros;
            if (marker == 1) {
                zeros = in.u32();
                if (in.u8() == 0) {
                    return io.kyrodb.engine.vector.SparseVector.of(previous + 1 + zeros,
                            java.util.Arrays.copyOf(indices, n), java.util.Arrays.copyOf(values, n));
                }
            } else if (marker == 2) {
                zeros = ~in.u32();
            } else {
                throw new FormatException(at, "bad segment marker 0x" + Integer.toHexString(marker) + " in a sparsevec key");
            }
            int sortable = in.u32();
            if (n == indices.length) {
                indices = java.util.Arrays.copyOf(indices, 2 * n);
                values = java.util.Arrays.copyOf(values, 2 * n);
            }
            previous += zeros + 1;
            indices[n] = previous;
            values[n++] = Float.intBitsToFloat(sortable < 0 ? sortable ^ Integer.MIN_VALUE : ~sortable);
        }
    }

    /** Exponents fit 3 bytes: Postgres's numeric has at most 131072 digits before the point and 16383 after. */
    private static final int EXPONENT_BIAS = 1 << 23;

    private static void writeNumeric(ByteWriter out, java.math.BigDecimal d) {
        if (d.signum() == 0) {
            out.u8(2);
            return;
        }
        java.math.BigDecimal s = d.stripTrailingZeros();
        String digits = s.unscaledValue().abs().toString();
        int exponent = s.precision() - s.scale();
        if (exponent <= -EXPONENT_BIAS || exponent >= EXPONENT_BIAS) {
            throw new IllegalArgumentException("numeric key out of range: exponent " + exponent);
        }
        boolean negative = s.signum() < 0;
        int flip = negative ? 0xFF : 0;
        out.u8(negative ? 1 : 3);
        int e = exponent + EXPONENT_BIAS;
        out.u8((e >>> 16 & 0xFF) ^ flip).u8((e >>> 8 & 0xFF) ^ flip).u8((e & 0xFF) ^ flip);
        // Pairs of digits (an odd last one padded with 0) as 2 * pair + 2 while more follow, 2 * pair + 1
        // for the last: a shorter digit string sorts before its extensions without a terminator byte.
        int pairs = (digits.length() + 1) / 2;
        for (int i = 0; i < pairs; i++) {
            int hi = digits.charAt(2 * i) - '0';
            int lo = 2 * i + 1 < digits.length() ? digits.charAt(2 * i + 1) - '0' : 0;
            int b = 2 * (hi * 10 + lo) + (i == pairs - 1 ? 1 : 2);
            out.u8(b ^ flip);
        }
    }

    private static Number readNumeric(ByteReader in) {
        int at = in.position();
        int sign = in.u8();
        switch (sign) {
            case 0 -> { return io.kyrodb.engine.types.NumericSpecial.NEGATIVE_INFINITY; }
            case 2 -> { return java.math.BigDecimal.ZERO; }
            case 4 -> { return io.kyrodb.engine.types.NumericSpecial.POSITIVE_INFINITY; }
            case 5 -> { return io.kyrodb.engine.types.NumericSpecial.NAN; }
            default -> { }
        }
        if (sign != 1 && sign != 3) {
            throw new FormatException(at, "bad sign byte 0x" + Integer.toHexString(sign) + " in a numeric key");
        }
        boolean negative = sign == 1;
        int flip = negative ? 0xFF : 0;
        int e = (in.u8() ^ flip) << 16 | (in.u8() ^ flip) << 8 | (in.u8() ^ flip);
        int exponent = e - EXPONENT_BIAS;
        StringBuilder digits = new StringBuilder();
        while (true) {
            int b = in.u8() ^ flip;
            if (b < 1 || b > 200) {
                throw new FormatException(in.position() - 1, "bad digit pair 0x" + Integer.toHexString(b) + " in a numeric key");
            }
            boolean last = (b & 1) == 1;
            int pair = (b - (last ? 1 : 2)) / 2;
            digits.append((char) ('0' + pair / 10)).append((char) ('0' + pair % 10));
            if (last) {
                break;
            }
        }
        java.math.BigDecimal v = new java.math.BigDecimal(new java.math.BigInteger(digits.toString()),
                digits.length() - exponent);
        return io.kyrodb.engine.types.Numerics.normalize((negative ? v.negate() : v).stripTrailingZeros());
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

    /**
     * Decodes the key in {@code data[off, off + len)} of columns of {@code kinds} into one value
     * per column, whatever their number (a row whose columns are the key's).
     */
    public static Object[] decodeColumns(byte[] data, int off, int len, TypeKind[] kinds) {
        ByteReader in = new ByteReader(data, off, len);
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
            case ENUM -> {
                float order = (float) doubleOf(in.u64());
                yield new io.kyrodb.engine.types.EnumValue(order, new String(readEscaped(in, "enum"), StandardCharsets.UTF_8));
            }
            case UUID -> new java.util.UUID(in.u64(), in.u64());
            case BYTEA -> io.kyrodb.engine.types.Bytes.wrap(readEscaped(in, "bytea"));
            case VECTOR -> readVector(in);
            case HALFVEC -> io.kyrodb.engine.vector.HalfVector.of(readVector(in));
            case SPARSEVEC -> readSparse(in);
            case BIT -> {
                byte[] bytes = readEscaped(in, "bit");
                yield io.kyrodb.engine.types.BitString.of(in.u32(), bytes);
            }
            case NUMERIC -> readNumeric(in);
            case DATE -> TemporalCodes.date(in.u64() ^ Long.MIN_VALUE);
            case TIME -> java.time.LocalTime.ofNanoOfDay((in.u64() ^ Long.MIN_VALUE) * 1000);
            case TIMETZ -> {
                long utc = in.u64() ^ Long.MIN_VALUE;
                int offset = -(in.u32() ^ Integer.MIN_VALUE);
                long local = Math.floorMod(utc + offset * 1_000_000L, io.kyrodb.engine.types.Interval.MICROS_PER_DAY);
                yield java.time.OffsetTime.of(java.time.LocalTime.ofNanoOfDay(local * 1000),
                        java.time.ZoneOffset.ofTotalSeconds(offset));
            }
            case TIMESTAMP -> TemporalCodes.timestamp(in.u64() ^ Long.MIN_VALUE);
            case TIMESTAMPTZ -> TemporalCodes.timestamptz(in.u64() ^ Long.MIN_VALUE);
            case INTERVAL -> {
                java.math.BigInteger span = java.math.BigInteger.valueOf(in.u64() ^ Long.MIN_VALUE).shiftLeft(64)
                        .or(new java.math.BigInteger(Long.toUnsignedString(in.u64())));
                java.math.BigInteger[] dm = span.divideAndRemainder(
                        java.math.BigInteger.valueOf(io.kyrodb.engine.types.Interval.MICROS_PER_DAY));
                yield new io.kyrodb.engine.types.Interval(0, dm[0].intValue(), dm[1].longValue());
            }
            case ARRAY -> readArray(in);
            case JSONB -> readJsonb(in);
            case INT4RANGE, INT8RANGE, NUMRANGE, DATERANGE, TSRANGE, TSTZRANGE -> readRange(in, kind);
            default -> throw new IllegalArgumentException("no key encoding for " + kind);
        };
    }

    private static void writeRange(ByteWriter out, io.kyrodb.engine.types.Range r) {
        if (r.isEmpty()) {
            out.u8(0);
            return;
        }
        out.u8(1);
        if (r.lower() == null) {
            out.u8(0);
        } else {
            out.u8(1);
            write(out, r.lower());
            out.u8(r.lowerInc() ? 0 : 1);
        }
        if (r.upper() == null) {
            out.u8(2);
        } else {
            out.u8(1);
            write(out, r.upper());
            out.u8(r.upperInc() ? 1 : 0);
        }
    }

    private static io.kyrodb.engine.types.Range readRange(ByteReader in, TypeKind kind) {
        if (in.u8() == 0) {
            return io.kyrodb.engine.types.Range.empty(kind);
        }
        TypeKind sub = io.kyrodb.engine.types.Range.subtype(kind).kind();
        Object lower = null;
        boolean lowerInc = false;
        if (in.u8() == 1) {
            lower = read(in, sub);
            lowerInc = in.u8() == 0;
        }
        Object upper = null;
        boolean upperInc = false;
        if (in.u8() == 1) {
            upper = read(in, sub);
            upperInc = in.u8() == 1;
        }
        return io.kyrodb.engine.types.Range.of(kind, lower, upper, lowerInc, upperInc);
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

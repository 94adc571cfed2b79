package io.kyrodb.engine.storage.codec;

import io.kyrodb.engine.types.Bytes;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.SqlArray;

/**
 * One SQL value as stored in WAL records, checkpoints and run files:
 * <pre>
 * value := u8 tag: 0 null | 1 i16 | 2 i32 | 3 i64 | 4 f32 | 5 f64 | 6 false | 7 true | 8 str
 *          | 9 vector | 10 numeric | 11 date | 12 time | 13 timestamp | 14 timestamptz | 15 interval
 *          then the fixed-width big-endian number, or for 8: u32 byte length + UTF-8,
 *          or for 9: u32 dimensions + that many f32 (raw IEEE bits),
 *          for 10: i32 scale + u32 byte length + the unscaled value's two's-complement bytes,
 *          for 11: i64 epoch day, for 12: i64 microseconds since midnight,
 *          for 13 and 14: i64 microseconds since 1970-01-01 00:00 (13: local, 14: UTC); for 11, 13
 *          and 14 Long.MAX_VALUE is infinity and Long.MIN_VALUE -infinity,
 *          for 15: i32 months + i32 days + i64 microseconds
 *          | 17 multi-dimensional array: u8 dimension count (2-6) + u32 length of each + the elements
 *          as 23 stores them (u32 count + each value), row-major
 *          | 16 timetz: i64 microseconds since midnight (local) + i32 UTC offset in seconds (east positive)
 *          | 20 uuid | 21 bytea | 22 jsonb | 23 array | 24 halfvec
 *          for 20: 16 bytes (big-endian), for 21: u32 length + the bytes,
 *          for 22: the normalized text (as 8), for 23: u32 element count + each element as a value,
 *          for 24: u32 dimensions + that many f16 (raw IEEE binary16 bits, big-endian u16)
 *          | 25 sparsevec | 26 bit | 27 jsonpath
 *          for 25: u32 dimensions + u32 non-zero count + that many (u32 0-based index, f32 raw bits),
 *          indices ascending; for 26: u32 length in bits + the packed bytes ((length + 7) / 8, the
 *          first bit the high bit of the first byte, unused low bits zero); for 27: the canonical
 *          text (as 8), parsed again when read
 *          | 28 enum value: f32 sort order (raw IEEE bits) + its label (as 8)
 *          | 30 tsvector: u32 lexeme count + per lexeme (ascending): the lexeme (as 8) + u16 position
 *          count + that many u16 (position << 2 | weight, weight 3 = A .. 0 = D)
 *          | 31 tsquery: the canonical text (as 8), parsed again when read
 *          | 32 range: u8 range type (0 int4range, 1 int8range, 2 numrange, 3 daterange, 4 tsrange,
 *          5 tstzrange) + u8 flags (1 empty, 2 lower inclusive, 4 upper inclusive) + the lower and
 *          the upper bound as values (0, null, for an infinite one or in an empty range)
 *          | 33 numeric NaN or infinity: u8 0 NaN, 1 Infinity, 2 -Infinity
 *          (tag 34 is kept for the range types)
 * (tags 10-19 belong to the date/time/numeric types)
 * </pre>
 * These tags are on disk: never renumber them; add new ones.
 */
public final class ValueCodec {
    private ValueCodec() {
    }

    public static void write(ByteWriter out, Object v) {
        switch (v) {
            case null -> out.u8(0);
            case Short s -> out.u8(1).u16(s);
            case Integer i -> out.u8(2).u32(i);
            case Long l -> out.u8(3).u64(l);
            case Float f -> out.u8(4).u32(Float.floatToRawIntBits(f));
            case Double d -> out.u8(5).u64(Double.doubleToRawLongBits(d));
            case Boolean b -> out.u8(b ? 7 : 6);
            case String s -> out.u8(8).string(s);
            case io.kyrodb.engine.types.EnumValue e -> out.u8(28).u32(Float.floatToRawIntBits(e.order())).string(e.label());
            case float[] vector -> {
                out.u8(9).u32(vector.length);
                for (float f : vector) {
                    out.u32(Float.floatToRawIntBits(f));
                }
            }
            case io.kyrodb.engine.vector.HalfVector half -> {
                out.u8(24).u32(half.dimensions());
                for (int i = 0; i < half.dimensions(); i++) {
                    out.u16(half.bits(i));
                }
            }
            case io.kyrodb.engine.vector.SparseVector sparse -> {
                out.u8(25).u32(sparse.dimensions()).u32(sparse.nonZero());
                for (int k = 0; k < sparse.nonZero(); k++) {
                    out.u32(sparse.index(k)).u32(Float.floatToRawIntBits(sparse.value(k)));
                }
            }
            case io.kyrodb.engine.types.BitString bits -> out.u8(26).u32(bits.length()).bytes(bits.toBytes());
            case java.math.BigDecimal d -> {
                byte[] unscaled = d.unscaledValue().toByteArray();
                out.u8(10).u32(d.scale()).u32(unscaled.length);
                for (byte b : unscaled) {
                    out.u8(b);
                }
            }
            case java.time.LocalDate d -> out.u8(11).u64(TemporalCodes.date(d));
            case java.time.LocalTime t -> out.u8(12).u64(t.toNanoOfDay() / 1000);
            case java.time.OffsetTime t -> out.u8(16).u64(t.toLocalTime().toNanoOfDay() / 1000).u32(t.getOffset().getTotalSeconds());
            case java.time.LocalDateTime t -> out.u8(13).u64(TemporalCodes.timestamp(t));
            case java.time.Instant i -> out.u8(14).u64(TemporalCodes.timestamptz(i));
            case io.kyrodb.engine.types.Interval i -> out.u8(15).u32(i.months()).u32(i.days()).u64(i.micros());
            case java.util.UUID u -> out.u8(20).u64(u.getMostSignificantBits()).u64(u.getLeastSignificantBits());
            case Bytes b -> out.u8(21).u32(b.length()).bytes(b.array());
            case Jsonb j -> out.u8(22).string(j.toString());
            case io.kyrodb.engine.types.jsonpath.JsonPath p -> out.u8(27).string(p.toString());
            case io.kyrodb.engine.types.TsVector tv -> {
                out.u8(30).u32(tv.size());
                for (int i = 0; i < tv.size(); i++) {
                    int[] ps = tv.positions(i);
                    out.string(tv.lexeme(i)).u16(ps.length);
                    for (int p : ps) {
                        out.u16(p);
                    }
                }
            }
            case io.kyrodb.engine.types.TsQuery q -> out.u8(31).string(q.toString());
            case io.kyrodb.engine.types.NumericSpecial n -> out.u8(33).u8(n.isNaN() ? 0 : n.signum() > 0 ? 1 : 2);
            case io.kyrodb.engine.types.Range r -> {
                out.u8(32).u8(r.kind().ordinal() - io.kyrodb.engine.types.TypeKind.INT4RANGE.ordinal())
                        .u8((r.isEmpty() ? 1 : 0) | (r.lowerInc() ? 2 : 0) | (r.upperInc() ? 4 : 0));
                write(out, r.lower());
                write(out, r.upper());
            }
            case SqlArray a -> {
                if (a.ndims() > 1) {
                    int[] dims = a.dims();
                    out.u8(17).u8(dims.length);
                    for (int d : dims) {
                        out.u32(d);
                    }
                } else {
                    out.u8(23);
                }
                out.u32(a.length());
                for (int i = 0; i < a.length(); i++) {
                    write(out, a.get(i));
                }
            }
            default -> throw new IllegalArgumentException("cannot store a " + v.getClass().getName());
        }
    }

    public static Object read(ByteReader in) {
        int at = in.position();
        int tag = in.u8();
        return switch (tag) {
            case 0 -> null;
            case 1 -> (short) in.u16();
            case 2 -> in.u32();
            case 3 -> in.u64();
            case 4 -> Float.intBitsToFloat(in.u32());
            case 5 -> Double.longBitsToDouble(in.u64());
            case 6 -> Boolean.FALSE;
            case 7 -> Boolean.TRUE;
            case 8 -> in.string();
            case 28 -> {
                float order = Float.intBitsToFloat(in.u32());
                yield new io.kyrodb.engine.types.EnumValue(order, in.string());
            }
            case 9 -> readVector(in, at);
            case 24 -> readHalfVector(in, at);
            case 25 -> readSparseVector(in, at);
            case 26 -> {
                int bits = in.u32();
                if (bits < 0 || (bits + 7L) / 8 > in.remaining()) {
                    throw new FormatException(at, "bit string of " + bits + " bits overruns the record at offset " + at);
                }
                yield io.kyrodb.engine.types.BitString.of(bits, in.bytes((bits + 7) / 8));
            }
            case 10 -> readNumeric(in, at);
            case 11 -> TemporalCodes.date(in.u64());
            case 12 -> java.time.LocalTime.ofNanoOfDay(micros(in.u64(), at) * 1000);
            case 13 -> TemporalCodes.timestamp(in.u64());
            case 14 -> TemporalCodes.timestamptz(in.u64());
            case 15 -> new io.kyrodb.engine.types.Interval(in.u32(), in.u32(), in.u64());
            case 16 -> {
                java.time.LocalTime time = java.time.LocalTime.ofNanoOfDay(micros(in.u64(), at) * 1000);
                int offset = in.u32();
                if (Math.abs(offset) > 18 * 3600) {
                    throw new FormatException(at, "UTC offset " + offset + " s out of range at offset " + at);
                }
                yield java.time.OffsetTime.of(time, java.time.ZoneOffset.ofTotalSeconds(offset));
            }
            case 20 -> new java.util.UUID(in.u64(), in.u64());
            case 21 -> {
                int n = in.u32();
                if (n < 0 || n > in.remaining()) {
                    throw new FormatException(at, "bytea of " + n + " bytes overruns the record at offset " + at);
                }
                yield Bytes.wrap(in.bytes(n));
            }
            case 22 -> readJsonb(in, at);
            case 27 -> readJsonPath(in, at);
            case 30 -> readTsVector(in, at);
            case 31 -> readTsQuery(in, at);
            case 32 -> readRange(in, at);
            case 33 -> switch (in.u8()) {
                case 0 -> io.kyrodb.engine.types.NumericSpecial.NAN;
                case 1 -> io.kyrodb.engine.types.NumericSpecial.POSITIVE_INFINITY;
                case 2 -> io.kyrodb.engine.types.NumericSpecial.NEGATIVE_INFINITY;
                default -> throw new FormatException(at, "bad special numeric at offset " + at);
            };
            case 17 -> {
                int ndims = in.u8();
                if (ndims < 2 || ndims > 6) {
                    throw new FormatException(at, "array of " + ndims + " dimensions at offset " + at);
                }
                int[] dims = new int[ndims];
                long product = 1;
                for (int d = 0; d < ndims; d++) {
                    dims[d] = in.u32();
                    product *= Math.max(dims[d], 0);
                    if (dims[d] < 1 || product > in.remaining()) {
                        throw new FormatException(at, "array dimensions overrun the record at offset " + at);
                    }
                }
                int n = in.u32();
                if (n != product) {
                    throw new FormatException(at, "array of " + n + " elements in dimensions "
                            + java.util.Arrays.toString(dims) + " at offset " + at);
                }
                Object[] elements = new Object[n];
                for (int i = 0; i < n; i++) {
                    elements[i] = read(in);
                }
                yield SqlArray.ofShape(dims, elements);
            }
            case 23 -> {
                int n = in.u32();
                if (n < 0 || n > in.remaining()) {
                    throw new FormatException(at, "array of " + n + " elements overruns the record at offset " + at);
                }
                Object[] elements = new Object[n];
                for (int i = 0; i < n; i++) {
                    elements[i] = read(in);
                }
                yield SqlArray.of(elements);
            }
            default -> throw new FormatException(at, "unknown value tag " + tag + " at offset " + at);
        };
    }

    private static io.kyrodb.engine.vector.SparseVector readSparseVector(ByteReader in, int at) {
        int dimensions = in.u32();
        int n = in.u32();
        if (n < 0 || n > in.remaining() / 8) {
            throw new FormatException(at, "sparsevec of " + n + " elements overruns the record at offset " + at);
        }
        int[] indices = new int[n];
        float[] values = new float[n];
        for (int k = 0; k < n; k++) {
            indices[k] = in.u32();
            values[k] = Float.intBitsToFloat(in.u32());
        }
        try {
            return io.kyrodb.engine.vector.SparseVector.of(dimensions, indices, values);
        } catch (io.kyrodb.engine.KyroException bad) {
            throw new FormatException(at, "bad sparsevec at offset " + at + ": " + bad.getMessage());
        }
    }

    private static Jsonb readJsonb(ByteReader in, int at) {
        String text = in.string();
        try {
            return Jsonb.parse(text);
        } catch (io.kyrodb.engine.KyroException bad) {
            throw new FormatException(at, "bad jsonb at offset " + at + ": " + bad.getMessage());
        }
    }

    private static io.kyrodb.engine.types.jsonpath.JsonPath readJsonPath(ByteReader in, int at) {
        String text = in.string();
        try {
            return io.kyrodb.engine.types.jsonpath.JsonPath.parse(text);
        } catch (io.kyrodb.engine.KyroException bad) {
            throw new FormatException(at, "bad jsonpath at offset " + at + ": " + bad.getMessage());
        }
    }

    private static io.kyrodb.engine.types.TsVector readTsVector(ByteReader in, int at) {
        int n = in.u32();
        if (n < 0 || n > in.remaining() / 6) {
            throw new FormatException(at, "bad tsvector at offset " + at + ": " + n + " lexemes");
        }
        String[] lexemes = new String[n];
        int[][] positions = new int[n][];
        for (int i = 0; i < n; i++) {
            lexemes[i] = in.string();
            int[] ps = new int[in.u16()];
            for (int j = 0; j < ps.length; j++) {
                ps[j] = in.u16();
            }
            positions[i] = ps;
        }
        return io.kyrodb.engine.types.TsVector.ofSorted(lexemes, positions);
    }

    private static io.kyrodb.engine.types.Range readRange(ByteReader in, int at) {
        int type = in.u8();
        int flags = in.u8();
        if (type > 5 || flags > 7) {
            throw new FormatException(at, "bad range (type " + type + ", flags " + flags + ") at offset " + at);
        }
        io.kyrodb.engine.types.TypeKind kind = io.kyrodb.engine.types.TypeKind.values()[io.kyrodb.engine.types.TypeKind.INT4RANGE.ordinal() + type];
        Object lower = read(in);
        Object upper = read(in);
        if ((flags & 1) != 0) {
            return io.kyrodb.engine.types.Range.empty(kind);
        }
        try {
            return io.kyrodb.engine.types.Range.of(kind, lower, upper, (flags & 2) != 0, (flags & 4) != 0);
        } catch (io.kyrodb.engine.KyroException | ClassCastException bad) {
            throw new FormatException(at, "bad range at offset " + at + ": " + bad.getMessage());
        }
    }

    private static io.kyrodb.engine.types.TsQuery readTsQuery(ByteReader in, int at) {
        String text = in.string();
        try {
            return io.kyrodb.engine.types.TsQuery.parse(text);
        } catch (io.kyrodb.engine.KyroException bad) {
            throw new FormatException(at, "bad tsquery at offset " + at + ": " + bad.getMessage());
        }
    }

    private static float[] readVector(ByteReader in, int at) {
        int n = in.u32();
        if (n < 0 || n > in.remaining() / 4) {
            throw new FormatException(at, "vector of " + n + " dimensions overruns the record at offset " + at);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = Float.intBitsToFloat(in.u32());
        }
        return v;
    }

    private static io.kyrodb.engine.vector.HalfVector readHalfVector(ByteReader in, int at) {
        int n = in.u32();
        if (n < 0 || n > in.remaining() / 2) {
            throw new FormatException(at, "halfvec of " + n + " dimensions overruns the record at offset " + at);
        }
        short[] bits = new short[n];
        for (int i = 0; i < n; i++) {
            bits[i] = (short) in.u16();
        }
        return io.kyrodb.engine.vector.HalfVector.ofBits(bits);
    }

    private static java.math.BigDecimal readNumeric(ByteReader in, int at) {
        int scale = in.u32();
        int n = in.u32();
        if (n <= 0 || n > in.remaining()) {
            throw new FormatException(at, "numeric of " + n + " bytes overruns the record at offset " + at);
        }
        byte[] unscaled = new byte[n];
        for (int i = 0; i < n; i++) {
            unscaled[i] = (byte) in.u8();
        }
        return new java.math.BigDecimal(new java.math.BigInteger(unscaled), scale);
    }

    private static long micros(long v, int at) {
        if (v < 0 || v >= io.kyrodb.engine.types.Interval.MICROS_PER_DAY) {
            throw new FormatException(at, "time of day " + v + " us out of range at offset " + at);
        }
        return v;
    }

    /** A row: u16 column count, then each value. */
    public static void writeRow(ByteWriter out, Object[] row) {
        out.u16(row.length);
        for (Object v : row) {
            write(out, v);
        }
    }

    public static Object[] readRow(ByteReader in) {
        Object[] row = new Object[in.u16()];
        for (int i = 0; i < row.length; i++) {
            row[i] = read(in);
        }
        return row;
    }

    /**
     * A row of which only the columns whose {@code columns} entry is true are decoded (those past
     * its end are too); the others are stepped over and left null. Null: every column.
     */
    public static Object[] readRow(ByteReader in, boolean[] columns) {
        if (columns == null) {
            return readRow(in);
        }
        Object[] row = new Object[in.u16()];
        for (int i = 0; i < row.length; i++) {
            if (i >= columns.length || columns[i]) {
                row[i] = read(in);
            } else {
                skip(in);
            }
        }
        return row;
    }

    /** Steps over one value without building it; the kinds with no fixed or length-prefixed size are read. */
    static void skip(ByteReader in) {
        int at = in.position();
        int tag = in.u8();
        switch (tag) {
            case 0, 6, 7 -> {
            }
            case 1 -> in.skip(2);
            case 2, 4 -> in.skip(4);
            case 3, 5, 11, 13, 14 -> in.skip(8);
            case 15, 20 -> in.skip(16);
            case 8, 21, 22, 27 -> {
                int n = in.u32();
                if (n < 0) {
                    throw new FormatException(at, "length " + n + " at offset " + at);
                }
                in.skip(n);
            }
            case 9 -> {
                int n = in.u32();
                if (n < 0 || n > in.remaining() / 4) {
                    throw new FormatException(at, "vector of " + n + " dimensions overruns the record at offset " + at);
                }
                in.skip(4 * n);
            }
            default -> {
                in.position(at);
                read(in);   // validated as a full read validates it
            }
        }
    }
}

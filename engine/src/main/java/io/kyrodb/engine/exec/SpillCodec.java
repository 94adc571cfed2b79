package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.IoErrors;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The row format of spill files (sort runs, hash partitions); {@link Writer} appends rows,
 * {@link Reader} reads back a range of them. Spill files are scratch, written and read by one
 * statement and deleted when it ends, so there is no checksum; the header still carries a version.
 * <pre>
 * file   := u32 magic "KSPL" | u8 version | row*            (big-endian)
 * row    := varint columnCount | value[columnCount]
 * value  := u8 tag | payload
 *           0 null | 1 short: i16 | 2 int: zigzag varint | 3 long: zigzag varint
 *           4 real: f32 raw bits | 5 double: f64 raw bits | 6 false | 7 true
 *           8 text: varint byteLength | chars, each as 1-3 bytes (UTF-8 bit layout applied to
 *             UTF-16 units one by one, so any Java string round-trips, lone surrogates too)
 *           9 vector: varint dimensions | f32 raw bits each
 *           10 numeric: zigzag varint scale | varint byteLength | unscaled two's-complement bytes
 *           11 date, 13 timestamp, 14 timestamptz: i64 (TemporalCodes) | 12 time: i64 us of the day
 *           15 interval: i32 months | i32 days | i64 microseconds
 *           20 uuid: 16 bytes | 21 bytea: varint length | bytes | 22 jsonb: as text (8)
 *           23 array: varint count | value[count]
 * varint := unsigned LEB128
 * </pre>
 * A row has no length prefix: rows are read one value at a time, and a range (a run, a
 * partition) ends where the writer's {@link Writer#position()} said it did.
 */
final class SpillCodec {
    static final int MAGIC = 0x4B53504C; // "KSPL"
    static final byte VERSION = 1;
    static final int HEADER_SIZE = 5;

    private static final byte NULL = 0;
    private static final byte SHORT = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte REAL = 4;
    private static final byte DOUBLE = 5;
    private static final byte FALSE = 6;
    private static final byte TRUE = 7;
    private static final byte TEXT = 8;
    private static final byte VECTOR = 9;
    private static final byte NUMERIC = 10;
    private static final byte DATE = 11;
    private static final byte TIME = 12;
    private static final byte TIMESTAMP = 13;
    private static final byte TIMESTAMPTZ = 14;
    private static final byte INTERVAL = 15;
    private static final byte TIMETZ = 16;
    private static final byte UUID = 20;
    private static final byte BYTEA = 21;
    private static final byte JSONB = 22;
    private static final byte ARRAY = 23;
    private static final byte HALFVEC = 24;
    /** A double[]: the sums of avg(vector)'s state. */
    private static final byte DOUBLES = 25;
    /** A sparsevec and a bit string, as their text forms (exact: floats print shortest round-trip). */
    private static final byte SPARSEVEC = 26;
    private static final byte BIT = 27;
    private static final byte JSONPATH = 28;
    /** A regclass: its oid, then its printed name and its catalog key ("" for none) as TEXT values. */
    private static final byte REGCLASS = 29;
    /** A record: its field count, each field's name as a TEXT value, then each field's value. */
    private static final byte RECORD = 33;
    /** An enum value: its sort order (f32 bits), then its label as TEXT. */
    private static final byte ENUM = 34;
    /** Full text search values, as their text forms (tsvector's is exact: lexemes, positions, weights). */
    private static final byte TSVECTOR = 38;
    private static final byte TSQUERY = 39;
    /** A range: its type (0 int4range .. 5 tstzrange), its flags (1 empty, 2 lower inclusive, 4 upper inclusive), then both bounds. */
    private static final byte RANGE = 40;
    /** numeric NaN (0), Infinity (1) or -Infinity (2). */
    private static final byte NUMERIC_SPECIAL = 41;

    private SpillCodec() {
    }

    /** Writes the header at offset 0 of a new spill file. */
    static void writeHeader(FileHandle handle) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE).putInt(MAGIC).put(VERSION).flip();
        try {
            handle.write(b, 0);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not write spill file " + handle.path());
        }
    }

    /** Checks the header written by {@link #writeHeader}. */
    static void checkHeader(FileHandle handle) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
        try {
            handle.readFully(b, 0);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not read spill file " + handle.path());
        }
        b.flip();
        int magic = b.getInt();
        byte version = b.get();
        if (magic != MAGIC || version != VERSION) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "corrupt spill file " + handle.path()
                    + " at offset 0: expected magic KSPL version " + VERSION + ", found 0x"
                    + Integer.toHexString(magic) + " version " + version);
        }
    }

    /** Appends rows to a spill file from a position on, through a buffer; one thread. */
    static final class Writer {
        private final FileHandle handle;
        private ByteBuffer buf;
        private long flushed;

        Writer(FileHandle handle, long position, int bufferSize) {
            this.handle = handle;
            this.flushed = position;
            this.buf = ByteBuffer.allocate(bufferSize);
        }

        /** The file offset just past the last row written (flushed or not). */
        long position() {
            return flushed + buf.position();
        }

        void write(Object[] row) {
            ensure(10);
            putVarint(row.length);
            for (Object v : row) {
                putValue(v);
            }
        }

        private void putValue(Object v) {
                switch (v) {
                    case null -> {
                        ensure(1);
                        buf.put(NULL);
                    }
                    case Short s -> {
                        ensure(3);
                        buf.put(SHORT).putShort(s);
                    }
                    case Integer i -> {
                        ensure(6);
                        buf.put(INT);
                        putVarint(((i << 1) ^ (i >> 31)) & 0xFFFFFFFFL);
                    }
                    case Long l -> {
                        ensure(11);
                        buf.put(LONG);
                        putVarint((l << 1) ^ (l >> 63));
                    }
                    case Float f -> {
                        ensure(5);
                        buf.put(REAL).putInt(Float.floatToRawIntBits(f));
                    }
                    case Double d -> {
                        ensure(9);
                        buf.put(DOUBLE).putLong(Double.doubleToRawLongBits(d));
                    }
                    case Boolean b -> {
                        ensure(1);
                        buf.put(b ? TRUE : FALSE);
                    }
                    case String s -> putText(TEXT, s);
                    case io.kyrodb.engine.types.EnumValue e -> {
                        ensure(5);
                        buf.put(ENUM).putInt(Float.floatToRawIntBits(e.order()));
                        putText(TEXT, e.label());
                    }
                    case float[] vector -> {
                        ensure(6);
                        buf.put(VECTOR);
                        putVarint(vector.length);
                        for (float f : vector) {
                            ensure(4);
                            buf.putInt(Float.floatToRawIntBits(f));
                        }
                    }
                    case io.kyrodb.engine.vector.HalfVector half -> {
                        ensure(6);
                        buf.put(HALFVEC);
                        putVarint(half.dimensions());
                        for (int i = 0; i < half.dimensions(); i++) {
                            ensure(2);
                            buf.putShort(half.bits(i));
                        }
                    }
                    case double[] doubles -> {
                        ensure(6);
                        buf.put(DOUBLES);
                        putVarint(doubles.length);
                        for (double d : doubles) {
                            ensure(8);
                            buf.putLong(Double.doubleToRawLongBits(d));
                        }
                    }
                    case io.kyrodb.engine.types.NumericSpecial n -> {
                        ensure(2);
                        buf.put(NUMERIC_SPECIAL).put((byte) (n.isNaN() ? 0 : n.signum() > 0 ? 1 : 2));
                    }
                    case java.math.BigDecimal d -> {
                        byte[] unscaled = d.unscaledValue().toByteArray();
                        ensure(21 + unscaled.length);
                        buf.put(NUMERIC);
                        putVarint(((d.scale() << 1) ^ (d.scale() >> 31)) & 0xFFFFFFFFL);
                        putVarint(unscaled.length);
                        buf.put(unscaled);
                    }
                    case java.time.LocalDate d -> {
                        ensure(9);
                        buf.put(DATE).putLong(io.kyrodb.engine.storage.codec.TemporalCodes.date(d));
                    }
                    case java.time.LocalTime t -> {
                        ensure(9);
                        buf.put(TIME).putLong(t.toNanoOfDay() / 1000);
                    }
                    case io.kyrodb.engine.types.RegClass r -> {
                        ensure(9);
                        buf.put(REGCLASS).putLong(r.oid());
                        putText(TEXT, r.name());
                        putText(TEXT, r.key() == null ? "" : r.key());
                    }
                    case java.time.OffsetTime t -> {
                        ensure(13);
                        buf.put(TIMETZ).putLong(t.toLocalTime().toNanoOfDay() / 1000).putInt(t.getOffset().getTotalSeconds());
                    }
                    case java.time.LocalDateTime t -> {
                        ensure(9);
                        buf.put(TIMESTAMP).putLong(io.kyrodb.engine.storage.codec.TemporalCodes.timestamp(t));
                    }
                    case java.time.Instant t -> {
                        ensure(9);
                        buf.put(TIMESTAMPTZ).putLong(io.kyrodb.engine.storage.codec.TemporalCodes.timestamptz(t));
                    }
                    case io.kyrodb.engine.types.Interval i -> {
                        ensure(17);
                        buf.put(INTERVAL).putInt(i.months()).putInt(i.days()).putLong(i.micros());
                    }
                    case java.util.UUID u -> {
                        ensure(17);
                        buf.put(UUID).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
                    }
                    case io.kyrodb.engine.types.Bytes b -> {
                        ensure(11 + b.length());
                        buf.put(BYTEA);
                        putVarint(b.length());
                        buf.put(b.array());
                    }
                    case io.kyrodb.engine.types.Jsonb j -> putText(JSONB, j.toString());
                    case io.kyrodb.engine.vector.SparseVector sparse -> putText(SPARSEVEC, sparse.toString());
                    case io.kyrodb.engine.types.BitString bits -> putText(BIT, bits.toString());
                    case io.kyrodb.engine.types.jsonpath.JsonPath p -> putText(JSONPATH, p.toString());
                    case io.kyrodb.engine.types.TsVector tv -> putText(TSVECTOR, tv.toString());
                    case io.kyrodb.engine.types.TsQuery tq -> putText(TSQUERY, tq.toString());
                    case io.kyrodb.engine.types.Range r -> {
                        ensure(3);
                        buf.put(RANGE);
                        buf.put((byte) (r.kind().ordinal() - io.kyrodb.engine.types.TypeKind.INT4RANGE.ordinal()));
                        buf.put((byte) ((r.isEmpty() ? 1 : 0) | (r.lowerInc() ? 2 : 0) | (r.upperInc() ? 4 : 0)));
                        putValue(r.lower());
                        putValue(r.upper());
                    }
                    case io.kyrodb.engine.types.SqlRecord r -> {
                        ensure(6);
                        buf.put(RECORD);
                        putVarint(r.size());
                        for (String name : r.names()) {
                            putText(TEXT, name);
                        }
                        for (int i = 0; i < r.size(); i++) {
                            putValue(r.get(i));
                        }
                    }
                    case io.kyrodb.engine.types.SqlArray a -> {
                        ensure(11);
                        buf.put(ARRAY);
                        int[] dims = a.ndims() > 1 ? a.dims() : new int[0];
                        putVarint(dims.length);
                        for (int d : dims) {
                            putVarint(d);
                        }
                        putVarint(a.length());
                        for (int i = 0; i < a.length(); i++) {
                            putValue(a.get(i));
                        }
                    }
                    default -> throw new IllegalArgumentException("cannot spill a " + v.getClass().getName());
                }
        }


        private void putText(byte tag, String s) {
            int n = s.length();
            int bytes = 0;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
            ensure(11 + bytes);
            buf.put(tag);
            putVarint(bytes);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    buf.put((byte) c);
                } else if (c < 0x800) {
                    buf.put((byte) (0xC0 | c >> 6)).put((byte) (0x80 | c & 0x3F));
                } else {
                    buf.put((byte) (0xE0 | c >> 12)).put((byte) (0x80 | c >> 6 & 0x3F)).put((byte) (0x80 | c & 0x3F));
                }
            }
        }

        private void putVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                buf.put((byte) (v & 0x7F | 0x80));
                v >>>= 7;
            }
            buf.put((byte) v);
        }

        /** Makes room for {@code n} more bytes: flushes, and grows the buffer for a huge value. */
        private void ensure(int n) {
            if (buf.remaining() >= n) {
                return;
            }
            flush();
            if (buf.capacity() < n) {
                buf = ByteBuffer.allocate(n);
            }
        }

        /** Writes the buffered bytes to the file (not fsynced: spill files never are). */
        void flush() {
            buf.flip();
            int n = buf.remaining();
            try {
                handle.write(buf, flushed);
            } catch (IOException e) {
                throw IoErrors.toKyro(e, "could not write spill file " + handle.path());
            }
            flushed += n;
            buf.clear();
        }
    }

    /** Reads the rows between two offsets of a spill file through a buffer; one thread. */
    static final class Reader {
        private final FileHandle handle;
        private final long end;
        private ByteBuffer buf;
        /** The file offset of the byte after the last one in the buffer. */
        private long filled;

        Reader(FileHandle handle, long start, long end, int bufferSize) {
            this.handle = handle;
            this.end = end;
            this.filled = start;
            this.buf = ByteBuffer.allocate((int) Math.max(16, Math.min(bufferSize, end - start))).flip();
        }

        /** The next row, or null at the end of the range. */
        Object[] next() {
            if (!buf.hasRemaining() && filled >= end) {
                return null;
            }
            int width = (int) getVarint();
            Object[] row = new Object[width];
            for (int i = 0; i < width; i++) {
                row[i] = getValue();
            }
            return row;
        }

        private Object getValue() {
                ensure(1);
                byte tag = buf.get();
                return switch (tag) {
                    case NULL -> null;
                    case SHORT -> {
                        ensure(2);
                        yield buf.getShort();
                    }
                    case INT -> {
                        long z = getVarint();
                        yield (int) (z >>> 1) ^ -(int) (z & 1);
                    }
                    case LONG -> {
                        long z = getVarint();
                        yield (z >>> 1) ^ -(z & 1);
                    }
                    case REAL -> {
                        ensure(4);
                        yield Float.intBitsToFloat(buf.getInt());
                    }
                    case DOUBLE -> {
                        ensure(8);
                        yield Double.longBitsToDouble(buf.getLong());
                    }
                    case FALSE -> Boolean.FALSE;
                    case TRUE -> Boolean.TRUE;
                    case TEXT -> getText();
                    case ENUM -> {
                        ensure(4);
                        float order = Float.intBitsToFloat(buf.getInt());
                        Object label = getValue();
                        if (!(label instanceof String l)) {
                            throw corrupt("enum value without its label");
                        }
                        yield new io.kyrodb.engine.types.EnumValue(order, l);
                    }
                    case VECTOR -> getVector();
                    case HALFVEC -> getHalfVector();
                    case DOUBLES -> getDoubles();
                    case NUMERIC_SPECIAL -> {
                        ensure(1);
                        byte which = buf.get();
                        yield switch (which) {
                            case 0 -> io.kyrodb.engine.types.NumericSpecial.NAN;
                            case 1 -> io.kyrodb.engine.types.NumericSpecial.POSITIVE_INFINITY;
                            case 2 -> io.kyrodb.engine.types.NumericSpecial.NEGATIVE_INFINITY;
                            default -> throw corrupt("special numeric " + which);
                        };
                    }
                    case NUMERIC -> {
                        long z = getVarint();
                        int scale = (int) (z >>> 1) ^ -(int) (z & 1);
                        long n = getVarint();
                        if (n <= 0 || n > Integer.MAX_VALUE - 16) {
                            throw corrupt("numeric of " + n + " bytes");
                        }
                        ensure((int) n);
                        byte[] unscaled = new byte[(int) n];
                        buf.get(unscaled);
                        yield new java.math.BigDecimal(new java.math.BigInteger(unscaled), scale);
                    }
                    case DATE -> {
                        ensure(8);
                        yield io.kyrodb.engine.storage.codec.TemporalCodes.date(buf.getLong());
                    }
                    case TIME -> {
                        ensure(8);
                        yield java.time.LocalTime.ofNanoOfDay(buf.getLong() * 1000);
                    }
                    case REGCLASS -> {
                        ensure(9);
                        long oid = buf.getLong();
                        buf.get();
                        String name = getText();
                        ensure(1);
                        buf.get();
                        String key = getText();
                        yield new io.kyrodb.engine.types.RegClass(oid, name, key.isEmpty() ? null : key);
                    }
                    case TIMETZ -> {
                        ensure(12);
                        java.time.LocalTime time = java.time.LocalTime.ofNanoOfDay(buf.getLong() * 1000);
                        yield java.time.OffsetTime.of(time, java.time.ZoneOffset.ofTotalSeconds(buf.getInt()));
                    }
                    case TIMESTAMP -> {
                        ensure(8);
                        yield io.kyrodb.engine.storage.codec.TemporalCodes.timestamp(buf.getLong());
                    }
                    case TIMESTAMPTZ -> {
                        ensure(8);
                        yield io.kyrodb.engine.storage.codec.TemporalCodes.timestamptz(buf.getLong());
                    }
                    case INTERVAL -> {
                        ensure(16);
                        yield new io.kyrodb.engine.types.Interval(buf.getInt(), buf.getInt(), buf.getLong());
                    }
                    case UUID -> {
                        ensure(16);
                        yield new java.util.UUID(buf.getLong(), buf.getLong());
                    }
                    case BYTEA -> {
                        long n = getVarint();
                        if (n > Integer.MAX_VALUE - 16) {
                            throw corrupt("bytea of " + n + " bytes");
                        }
                        ensure((int) n);
                        byte[] b = new byte[(int) n];
                        buf.get(b);
                        yield io.kyrodb.engine.types.Bytes.wrap(b);
                    }
                    case JSONB -> io.kyrodb.engine.types.Jsonb.parse(getText());
                    case SPARSEVEC -> io.kyrodb.engine.vector.SparseVectorText.parse(getText(), -1);
                    case BIT -> io.kyrodb.engine.types.BitString.parse(getText());
                    case JSONPATH -> io.kyrodb.engine.types.jsonpath.JsonPath.parse(getText());
                    case TSVECTOR -> io.kyrodb.engine.types.TsVector.parse(getText());
                    case TSQUERY -> io.kyrodb.engine.types.TsQuery.parse(getText());
                    case ARRAY -> {
                        int[] dims = new int[(int) getVarint()];
                        for (int d = 0; d < dims.length; d++) {
                            dims[d] = (int) getVarint();
                        }
                        long n = getVarint();
                        if (n > Integer.MAX_VALUE - 16) {
                            throw corrupt("array of " + n + " elements");
                        }
                        Object[] elements = new Object[(int) n];
                        for (int k = 0; k < elements.length; k++) {
                            elements[k] = getValue();
                        }
                        yield dims.length > 1 ? io.kyrodb.engine.types.SqlArray.ofShape(dims, elements)
                                : io.kyrodb.engine.types.SqlArray.of(elements);
                    }
                    case RANGE -> {
                        ensure(2);
                        int type = buf.get();
                        int flags = buf.get();
                        if (type < 0 || type > 5) {
                            throw corrupt("range type " + type);
                        }
                        io.kyrodb.engine.types.TypeKind kind = io.kyrodb.engine.types.TypeKind.values()[
                                io.kyrodb.engine.types.TypeKind.INT4RANGE.ordinal() + type];
                        Object lower = getValue();
                        Object upper = getValue();
                        yield (flags & 1) != 0 ? io.kyrodb.engine.types.Range.empty(kind)
                                : io.kyrodb.engine.types.Range.of(kind, lower, upper, (flags & 2) != 0, (flags & 4) != 0);
                    }
                    case RECORD -> {
                        long n = getVarint();
                        if (n > 1664) {   // PostgreSQL's limit on a row's columns
                            throw corrupt("record of " + n + " fields");
                        }
                        String[] names = new String[(int) n];
                        for (int k = 0; k < names.length; k++) {
                            ensure(1);
                            buf.get();
                            names[k] = getText();
                        }
                        Object[] fields = new Object[(int) n];
                        for (int k = 0; k < fields.length; k++) {
                            fields[k] = getValue();
                        }
                        yield new io.kyrodb.engine.types.SqlRecord(java.util.List.of(names), fields);
                    }
                    default -> throw corrupt("unknown value tag " + tag);
                };
        }

        private float[] getVector() {
            long n = getVarint();
            if (n > Integer.MAX_VALUE / 4) {
                throw corrupt("vector of " + n + " dimensions");
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                ensure(4);
                v[i] = Float.intBitsToFloat(buf.getInt());
            }
            return v;
        }

        private io.kyrodb.engine.vector.HalfVector getHalfVector() {
            long n = getVarint();
            if (n > Integer.MAX_VALUE / 2) {
                throw corrupt("halfvec of " + n + " dimensions");
            }
            short[] bits = new short[(int) n];
            for (int i = 0; i < bits.length; i++) {
                ensure(2);
                bits[i] = buf.getShort();
            }
            return io.kyrodb.engine.vector.HalfVector.ofBits(bits);
        }

        private double[] getDoubles() {
            long n = getVarint();
            if (n > Integer.MAX_VALUE / 8) {
                throw corrupt("double array of " + n + " elements");
            }
            double[] d = new double[(int) n];
            for (int i = 0; i < d.length; i++) {
                ensure(8);
                d[i] = Double.longBitsToDouble(buf.getLong());
            }
            return d;
        }

        private String getText() {
            long length = getVarint();
            if (length > Integer.MAX_VALUE - 16) {
                throw corrupt("text of " + length + " bytes");
            }
            int n = (int) length;
            ensure(n);
            char[] chars = new char[n];
            int count = 0;
            int stop = buf.position() + n;
            while (buf.position() < stop) {
                int b = buf.get() & 0xFF;
                if (b < 0x80) {
                    chars[count++] = (char) b;
                } else if ((b & 0xE0) == 0xC0) {
                    chars[count++] = (char) ((b & 0x1F) << 6 | buf.get() & 0x3F);
                } else {
                    chars[count++] = (char) ((b & 0x0F) << 12 | (buf.get() & 0x3F) << 6 | buf.get() & 0x3F);
                }
            }
            return new String(chars, 0, count);
        }

        private long getVarint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                ensure(1);
                byte b = buf.get();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw corrupt("varint longer than 10 bytes");
        }

        /** Makes {@code n} bytes available, reading on from the file; the range must hold them. */
        private void ensure(int n) {
            if (buf.remaining() >= n) {
                return;
            }
            buf.compact();
            if (buf.capacity() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(n);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
            try {
                while (buf.position() < n) {
                    if (filled >= end) {
                        throw corrupt("row runs past the end of its range at offset " + end);
                    }
                    int want = (int) Math.min(buf.remaining(), end - filled);
                    ByteBuffer slice = buf.slice(buf.position(), want);
                    int read = handle.read(slice, filled);
                    if (read < 0) {
                        throw corrupt("file ends at offset " + filled + " before its range does (" + end + ")");
                    }
                    buf.position(buf.position() + read);
                    filled += read;
                }
            } catch (IOException e) {
                throw IoErrors.toKyro(e, "could not read spill file " + handle.path());
            } finally {
                buf.flip();
            }
        }

        private KyroException corrupt(String what) {
            return new KyroException(SqlState.DATA_CORRUPTED, "corrupt spill file " + handle.path()
                    + " before offset " + filled + ": " + what);
        }
    }
}

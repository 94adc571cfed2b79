package io.kyrodb.engine.storage.codec;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteWriter} wrote from a window of a byte array. Every read is bounds-checked
 * against the window's end and throws {@link FormatException} with the offset instead of reading
 * past it, so corrupt lengths are reported, never trusted. Not thread-safe.
 */
public final class ByteReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public int position() {
        return pos;
    }

    public void position(int p) {
        if (p < 0 || p > end) {
            throw new FormatException(p, "position " + p + " is outside the buffer");
        }
        pos = p;
    }

    public int remaining() {
        return end - pos;
    }

    public byte[] array() {
        return buf;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new FormatException(pos, "need " + n + " bytes at offset " + pos + ", only " + (end - pos) + " left");
        }
    }

    public int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int u16() {
        need(2);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public int u32() {
        need(4);
        int v = getInt(buf, pos);
        pos += 4;
        return v;
    }

    public long u64() {
        need(8);
        long v = getLong(buf, pos);
        pos += 8;
        return v;
    }

    public long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new FormatException(pos, "varint longer than 10 bytes at offset " + pos);
    }

    /** A varint that must be a length in {@code [0, max]}. */
    public int length(int max) {
        int at = pos;
        long n = varint();
        if (n < 0 || n > max) {
            throw new FormatException(at, "length " + n + " at offset " + at + " exceeds " + max);
        }
        return (int) n;
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    /** u32 byte length, then UTF-8. */
    public String string() {
        int at = pos;
        int n = u32();
        if (n < 0 || n > end - pos) {
            throw new FormatException(at, "string length " + n + " at offset " + at + " exceeds the " + (end - pos)
                    + " bytes left");
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /*
     * One big-endian load each, not four or eight byte loads and shifts: a block's entry offsets
     * and sequence numbers are read with these on every index probe. Out of bounds throws
     * IndexOutOfBoundsException, as the byte loads did.
     */
    private static final java.lang.invoke.VarHandle INT_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    public static int getInt(byte[] b, int at) {
        return (int) INT_BE.get(b, at);
    }

    public static long getLong(byte[] b, int at) {
        return (long) LONG_BE.get(b, at);
    }
}

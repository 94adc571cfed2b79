package io.kyrodb.engine.storage.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array written front to back: fixed-width integers big-endian (as
 * {@code DataOutput} writes them), unsigned LEB128 varints, and length-prefixed UTF-8 strings.
 * The encoding side of every KyroDB storage format; {@link ByteReader} reads it back.
 * Not thread-safe; reusable after {@link #reset()}.
 */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(256);
    }

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    /** The internal array; valid up to {@link #size()} until the next write. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            grow(more);
        }
    }

    private void grow(int more) {
        long want = Math.max((long) buf.length * 2, (long) size + more);
        if (want > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("buffer would exceed 2 GB");
        }
        buf = Arrays.copyOf(buf, (int) want);
    }

    public ByteWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter u32(int v) {
        ensure(4);
        putInt(buf, size, v);
        size += 4;
        return this;
    }

    public ByteWriter u64(long v) {
        ensure(8);
        putLong(buf, size, v);
        size += 8;
        return this;
    }

    /** Unsigned LEB128: 7 bits a byte, low bits first, high bit set on all but the last byte. */
    public ByteWriter varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public ByteWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** u32 byte length, then the UTF-8 bytes. */
    public ByteWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        return bytes(b);
    }

    /** Overwrites four bytes already written (a length or count known only later). */
    public void setU32(int at, int v) {
        putInt(buf, at, v);
    }

    public static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    public static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }
}

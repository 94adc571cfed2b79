package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

/**
 * A value of pgvector's {@code halfvec(n)}: IEEE float16 elements (half the storage of a
 * {@code vector}). Arithmetic and distances run in float32 on the widened elements, as pgvector's
 * do; converting a float32 to a half rounds to nearest (even) and fails with 22003 when the result
 * would be infinite (above 65504 in magnitude), underflowing to zero silently. Immutable: equality
 * and hash are by content.
 */
public final class HalfVector {
    private final short[] bits;

    private HalfVector(short[] bits) {
        this.bits = bits;
    }

    /** The halfvec of raw float16 bits (taken, not copied: the caller hands them over). */
    public static HalfVector ofBits(short[] bits) {
        return new HalfVector(bits);
    }

    /**
     * Rounds each element to float16; 22003 {@code "65520" is out of range for type halfvec} when
     * an element overflows (what pgvector says for input text and for a vector cast).
     */
    public static HalfVector of(float[] v) {
        short[] out = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            short h = Float.floatToFloat16(v[i]);
            if (isInfinite(h) && !Float.isInfinite(v[i])) {
                StringBuilder text = new StringBuilder();
                VectorText.appendFloat4(text, v[i]);
                throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "\"" + text + "\" is out of range for type halfvec");
            }
            out[i] = h;
        }
        return new HalfVector(out);
    }

    /**
     * Rounds the result of float32 arithmetic on halves: 22003 {@code value out of range: overflow}
     * when an element is infinite, as pgvector's halfvec operators report it.
     */
    public static HalfVector ofArithmetic(float[] v) {
        short[] out = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToFloat16(v[i]);
            if (isInfinite(out[i])) {
                throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
            }
        }
        return new HalfVector(out);
    }

    private static boolean isInfinite(short h) {
        return (h & 0x7fff) == 0x7c00;
    }

    public int dimensions() {
        return bits.length;
    }

    /** The float16 bits of element {@code i}. */
    public short bits(int i) {
        return bits[i];
    }

    /** The elements widened to float32 (exactly). */
    public float[] toFloats() {
        float[] out = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = Float.float16ToFloat(bits[i]);
        }
        return out;
    }

    /** Heap bytes of this value (object header, field, the array). */
    public long heapSize() {
        return 16 + ((16 + 2L * bits.length + 7) & ~7L);
    }

    /** Equal elements (-0 equal to 0, as the btree order has it). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HalfVector h) || h.bits.length != bits.length) {
            return false;
        }
        for (int i = 0; i < bits.length; i++) {
            if (canonical(bits[i]) != canonical(h.bits[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = bits.length;
        for (short b : bits) {
            h = 31 * h + canonical(b);
        }
        return h;
    }

    private static short canonical(short h) {
        return h == (short) 0x8000 ? 0 : h;
    }

    /** The text form, as pgvector's {@code halfvec_out} prints it: {@code [1,2.5,0.099975586]}. */
    @Override
    public String toString() {
        return VectorText.format(toFloats());
    }
}

package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.Arrays;

/**
 * pgvector's text form of a {@code sparsevec}: {@code '{1:1.5,3:2}/5'}, read as pgvector 0.8's
 * {@code sparsevec_in} reads it: whitespace around every token, C {@code strtol} indices and
 * {@code strtof} values, NaN and infinities refused, an overflowing value an error naming it (22003),
 * zero values dropped, the elements sorted by index and then checked (out of bounds, duplicates:
 * 22000), at most 16000 non-zero elements and 1,000,000 dimensions (54000), junk after the
 * dimensions refused (22P02).
 */
public final class SparseVectorText {
    private SparseVectorText() {
    }

    /** Parses {@code text}; {@code expectedDimensions} is the column's {@code sparsevec(n)}, or -1 for none. */
    public static SparseVector parse(String text, int expectedDimensions) {
        int n = text.length();
        int i = VectorText.skipSpace(text, 0);
        if (i >= n || text.charAt(i) != '{') {
            throw invalid(text, "Vector contents must start with \"{\".");
        }
        i = VectorText.skipSpace(text, i + 1);
        long[] indices = new long[8];
        float[] values = new float[8];
        int nnz = 0;
        if (i < n && text.charAt(i) == '}') {
            i++;
        } else {
            while (true) {
                if (nnz == SparseVector.MAX_NONZERO) {
                    throw SparseVector.tooManyNonZero();
                }
                i = VectorText.skipSpace(text, i);
                int start = i;
                i = integerEnd(text, i);
                if (i == start) {
                    throw invalid(text, null);
                }
                long index = clampedInteger(text.substring(start, i));
                i = VectorText.skipSpace(text, i);
                if (i >= n || text.charAt(i) != ':') {
                    throw invalid(text, null);
                }
                i = VectorText.skipSpace(text, i + 1);
                start = i;
                i = VectorText.numberEnd(text, i);
                if (i == start) {
                    throw invalid(text, null);
                }
                String token = text.substring(start, i);
                float v = Float.parseFloat(VectorText.normalizeSpecial(token));
                if (Float.isInfinite(v) && !VectorText.isInfinityLiteral(token)) {
                    throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "\"" + token + "\" is out of range for type sparsevec");
                }
                checkElement(v);
                if (v != 0) {
                    if (nnz == indices.length) {
                        indices = Arrays.copyOf(indices, nnz * 2);
                        values = Arrays.copyOf(values, nnz * 2);
                    }
                    indices[nnz] = index - 1;
                    values[nnz++] = v;
                }
                i = VectorText.skipSpace(text, i);
                if (i < n && text.charAt(i) == ',') {
                    i++;
                    continue;
                }
                if (i < n && text.charAt(i) == '}') {
                    i++;
                    break;
                }
                throw invalid(text, null);
            }
        }
        i = VectorText.skipSpace(text, i);
        if (i >= n || text.charAt(i) != '/') {
            throw invalid(text, "Unexpected end of input.");
        }
        i = VectorText.skipSpace(text, i + 1);
        int start = i;
        i = integerEnd(text, i);
        if (i == start) {
            throw invalid(text, null);
        }
        long dimensions = clampedInteger(text.substring(start, i));
        if (VectorText.skipSpace(text, i) != n) {
            throw invalid(text, "Junk after closing.");
        }
        SparseVector.checkDimensions((int) dimensions);
        VectorText.checkDimensions((int) dimensions, expectedDimensions);
        return build((int) dimensions, indices, values, nnz);
    }

    /** Sorts the elements by index, then checks and keeps them (indices already 0-based). */
    private static SparseVector build(int dimensions, long[] indices, float[] values, int nnz) {
        Integer[] order = new Integer[nnz];
        for (int k = 0; k < nnz; k++) {
            order[k] = k;
        }
        long[] idx = indices;
        Arrays.sort(order, (a, b) -> Long.compare(idx[a], idx[b]));
        int[] sortedIndices = new int[nnz];
        float[] sortedValues = new float[nnz];
        for (int k = 0; k < nnz; k++) {
            long index = indices[order[k]];
            if (index < 0 || index >= dimensions) {
                throw new KyroException(SqlState.DATA_EXCEPTION, "sparsevec index out of bounds");
            }
            sortedIndices[k] = (int) index;
            sortedValues[k] = values[order[k]];
        }
        return SparseVector.of(dimensions, sortedIndices, sortedValues);
    }

    /** pgvector's {@code CheckElement}: NaN and infinities are not allowed (22000). */
    static void checkElement(float v) {
        if (Float.isNaN(v)) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "NaN not allowed in sparsevec");
        }
        if (Float.isInfinite(v)) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "infinite value not allowed in sparsevec");
        }
    }

    /** Where C's {@code strtol} stops reading a base-10 integer at {@code i} ({@code i} when there is none). */
    private static int integerEnd(String s, int i) {
        int j = i;
        if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
            j++;
        }
        int digits = j;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            j++;
        }
        return j == digits ? i : j;
    }

    /** The integer, kept within int range as pgvector does so the later checks name it correctly. */
    private static long clampedInteger(String token) {
        String digits = token.startsWith("+") ? token.substring(1) : token;
        long v;
        try {
            v = Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            v = digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return Math.max(Integer.MIN_VALUE + 1L, Math.min(Integer.MAX_VALUE, v));
    }

    private static KyroException invalid(String text, String detail) {
        String message = "invalid input syntax for type sparsevec: \"" + text + "\"";
        return new KyroException(SqlState.INVALID_TEXT_REPRESENTATION,
                detail == null ? message : message + " (" + detail + ")");
    }
}

package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * Array functions of PostgreSQL 15 beyond {@link ContainerFunction}'s: {@code array_remove},
 * {@code array_replace}, {@code array_positions}, {@code string_to_array} and {@code array_fill}
 * (any number of dimensions up to 6, lower bounds 1). NULL elements compare equal to a NULL argument here, as in
 * Postgres ({@code IS NOT DISTINCT FROM}).
 */
public enum ArrayFunction implements Builtin {
    /** (array, element). */
    REMOVE,
    /** (array, from, to). */
    REPLACE,
    /** (array, element) -> integer[]. */
    POSITIONS,
    /** (text, delimiter [, null string]) -> text[]. */
    STRING_TO_ARRAY,
    /** (value, integer[] dimensions [, integer[] lower bounds]). */
    FILL,
    /** {@code ARRAY[ARRAY[..], ARRAY[..]]}: sub-arrays of one shape stacked into one more dimension. */
    NEST,
    /** {@code a[i][j]...} (array, bigint indices): the element when there are as many indices as dimensions, else NULL. */
    SUBSCRIPT,
    /** {@code a[lo:hi]...} (array, then lower and upper bound per subscript; {@link #OPEN} for an omitted one). */
    SLICE,
    NDIMS, DIMS,
    /** (array, dimension): 1, the lower bound of every dimension here. */
    LOWER,
    /** (array, dimension): the upper bound, also {@code array_length}'s answer with lower bounds 1. */
    UPPER,
    /**
     * {@code SET a[i] = v}: (array, value, index) -> the array with element i replaced; past the end
     * the array grows, NULLs filling the gap (a NULL array is empty), as in PostgreSQL.
     */
    SET_ELEMENT;

    /** An omitted slice bound ({@code a[:2]}, {@code a[2:]}). */
    public static final long OPEN = Long.MIN_VALUE;

    /** Array sizes past Postgres's limit (MaxArraySize) fail with 54000, as there. */
    private static final int MAX_ELEMENTS = 134_217_727;

    @Override
    public boolean strict() {
        return false;
    }

    @Override
    public Object apply(Object[] a, SqlType type) {
        return switch (this) {
            case SET_ELEMENT -> setElement((SqlArray) a[0], a[1], a[2]);
            case REMOVE, REPLACE, POSITIONS -> {
                if (a[0] == null) {
                    yield null;
                }
                SqlArray arr = (SqlArray) a[0];
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < arr.length(); i++) {
                    Object e = arr.get(i);
                    boolean match = e == null ? a[1] == null : a[1] != null && Values.compare(e, a[1]) == 0;
                    switch (this) {
                        case REMOVE -> {
                            if (!match) {
                                out.add(e);
                            }
                        }
                        case REPLACE -> out.add(match ? a[2] : e);
                        default -> {
                            if (match) {
                                out.add(i + 1);
                            }
                        }
                    }
                }
                yield SqlArray.of(out);
            }
            case STRING_TO_ARRAY -> stringToArray((String) a[0], (String) a[1], a.length > 2 ? (String) a[2] : null);
            case NEST -> nest(a);
            case SUBSCRIPT -> {
                if (a[0] == null) {
                    yield null;
                }
                SqlArray arr = (SqlArray) a[0];
                int[] dims = arr.dims();
                if (a.length - 1 != dims.length) {
                    yield null;
                }
                long flat = 0;
                for (int d = 0; d < dims.length; d++) {
                    if (a[d + 1] == null) {
                        yield null;
                    }
                    long i = ((Number) a[d + 1]).longValue();
                    if (i < 1 || i > dims[d]) {
                        yield null;
                    }
                    flat = flat * dims[d] + (i - 1);
                }
                yield arr.get((int) flat);
            }
            case SLICE -> slice(a);
            case NDIMS -> a[0] == null || ((SqlArray) a[0]).ndims() == 0 ? null : ((SqlArray) a[0]).ndims();
            case DIMS -> {
                if (a[0] == null || ((SqlArray) a[0]).ndims() == 0) {
                    yield null;
                }
                StringBuilder sb = new StringBuilder();
                for (int d : ((SqlArray) a[0]).dims()) {
                    sb.append("[1:").append(d).append(']');
                }
                yield sb.toString();
            }
            case LOWER, UPPER -> {
                if (a[0] == null || a[1] == null) {
                    yield null;
                }
                int[] dims = ((SqlArray) a[0]).dims();
                int d = ((Number) a[1]).intValue();
                yield d < 1 || d > dims.length ? null : this == LOWER ? 1 : dims[d - 1];
            }
            case FILL -> {
                if (a[1] == null || a.length > 2 && a[2] == null) {
                    throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "dimension array or low bound array cannot be null");
                }
                yield fill(a[0], (SqlArray) a[1], a.length > 2 ? (SqlArray) a[2] : null);
            }
        };
    }

    private static SqlArray nest(Object[] subs) {
        int[] shape = null;
        List<Object> out = new ArrayList<>();
        for (Object o : subs) {
            int[] dims = o == null ? null : ((SqlArray) o).dims();
            if (dims == null || shape != null && !java.util.Arrays.equals(shape, dims)) {
                throw new KyroException(SqlState.ARRAY_SUBSCRIPT_ERROR,
                        "multidimensional arrays must have array expressions with matching dimensions");
            }
            shape = dims;
            out.addAll(((SqlArray) o).asList());
        }
        if (shape == null || shape.length == 0) {
            return SqlArray.of(out);
        }
        if (shape.length >= 6) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (7) exceeds the maximum allowed (6)");
        }
        int[] dims = new int[shape.length + 1];
        dims[0] = subs.length;
        System.arraycopy(shape, 0, dims, 1, shape.length);
        return SqlArray.ofShape(dims, out.toArray());
    }

    /** Postgres's slice: every subscript a range (clipped to the array), missing ones whole; empty when a range is. */
    private static SqlArray slice(Object[] a) {
        if (a[0] == null) {
            return null;
        }
        SqlArray arr = (SqlArray) a[0];
        int[] dims = arr.dims();
        int given = (a.length - 1) / 2;
        if (given > dims.length) {
            return SqlArray.of();
        }
        int[] lo = new int[dims.length];
        int[] hi = new int[dims.length];
        for (int d = 0; d < dims.length; d++) {
            long l = 1;
            long h = dims[d];
            if (d < given) {
                Object x = a[1 + 2 * d];
                Object y = a[2 + 2 * d];
                if (x == null || y == null) {
                    return null;
                }
                long xv = ((Number) x).longValue();
                long yv = ((Number) y).longValue();
                l = xv == OPEN ? 1 : Math.max(1, xv);
                h = yv == OPEN ? dims[d] : Math.min(dims[d], yv);
            }
            if (l > h) {
                return SqlArray.of();
            }
            lo[d] = (int) l;
            hi[d] = (int) h;
        }
        int[] out = new int[dims.length];
        int count = 1;
        for (int d = 0; d < dims.length; d++) {
            out[d] = hi[d] - lo[d] + 1;
            count *= out[d];
        }
        Object[] elements = new Object[count];
        int[] at = lo.clone();
        for (int k = 0; k < count; k++) {
            int flat = 0;
            for (int d = 0; d < dims.length; d++) {
                flat = flat * dims[d] + (at[d] - 1);
            }
            elements[k] = arr.get(flat);
            for (int d = dims.length - 1; d >= 0; d--) {
                if (++at[d] <= hi[d]) {
                    break;
                }
                at[d] = lo[d];
            }
        }
        return SqlArray.ofShape(out, elements);
    }

    private static SqlArray stringToArray(String s, String delimiter, String nullString) {
        if (s == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        if (s.isEmpty()) {
            return SqlArray.of(out);
        }
        if (delimiter == null) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        } else if (delimiter.isEmpty()) {
            out.add(s);
        } else {
            int from = 0;
            while (true) {
                int at = s.indexOf(delimiter, from);
                out.add(s.substring(from, at < 0 ? s.length() : at));
                if (at < 0) {
                    break;
                }
                from = at + delimiter.length();
            }
        }
        if (nullString != null) {
            out.replaceAll(e -> nullString.equals(e) ? null : e);
        }
        return SqlArray.of(out);
    }

    /** PostgreSQL's limit on array dimensions (MAXDIM). */
    private static final int MAX_DIMENSIONS = 6;

    private static SqlArray fill(Object value, SqlArray dims, SqlArray lowerBounds) {
        if (dims.ndims() > 1) {
            throw new KyroException(SqlState.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts: dimension array"
                    + " must be one-dimensional");
        }
        int rank = dims.length();
        if (rank > MAX_DIMENSIONS) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (" + rank
                    + ") exceeds the maximum allowed (" + MAX_DIMENSIONS + ")");
        }
        if (lowerBounds != null && lowerBounds.length() != rank) {
            throw new KyroException(SqlState.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts: low bound array"
                    + " has different size than dimensions array");
        }
        int[] shape = new int[rank];
        long n = rank == 0 ? 0 : 1;
        for (int i = 0; i < rank; i++) {
            if (dims.get(i) == null || (lowerBounds != null && lowerBounds.get(i) == null)) {
                throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "dimension values cannot be null");
            }
            shape[i] = ((Number) dims.get(i)).intValue();
            if (shape[i] < 0 || (n *= shape[i]) > MAX_ELEMENTS) {
                throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed ("
                        + MAX_ELEMENTS + ")");
            }
            if (lowerBounds != null && !Integer.valueOf(1).equals(lowerBounds.get(i)) && shape[i] > 0) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "array_fill with lower bounds other than 1:"
                        + " KyroDB's arrays start at 1");
            }
        }
        Object[] out = new Object[(int) n];
        java.util.Arrays.fill(out, value);
        return n == 0 ? SqlArray.of(out) : SqlArray.ofShape(shape, out);
    }

    private static SqlArray setElement(SqlArray array, Object value, Object index) {
        if (index == null) {
            throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "array subscript in assignment must not be null");
        }
        if (array != null && array.dims().length > 1) {
            throw new KyroException(SqlState.FEATURE_NOT_SUPPORTED,
                    "KyroDB assigns elements of one-dimensional arrays only (assign the whole array)");
        }
        Object[] elements = array == null ? new Object[0] : array.elements();
        long i = ((Number) index).longValue();
        if (i < 1) {
            throw new KyroException(SqlState.FEATURE_NOT_SUPPORTED, "array subscript " + i + " would give the array a lower"
                    + " bound other than 1, which KyroDB does not support");
        }
        if (elements.length == 0 && i > 1) {
            throw new KyroException(SqlState.FEATURE_NOT_SUPPORTED, "array subscript " + i + " of an empty array would"
                    + " give it a lower bound other than 1, which KyroDB does not support");
        }
        if (i > MAX_ELEMENTS) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed ("
                    + MAX_ELEMENTS + ")");
        }
        Object[] out = java.util.Arrays.copyOf(elements, (int) Math.max(elements.length, i));
        out[(int) i - 1] = value;
        return SqlArray.of(out);
    }
}

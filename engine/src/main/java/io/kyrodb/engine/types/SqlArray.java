package io.kyrodb.engine.types;

import java.util.Arrays;
import java.util.List;

/**
 * A SQL array value (lower bounds 1): its elements, each a value of the array type's element type
 * or null, in row-major order, and, for more than one dimension, the length of each. Immutable.
 * Order as Postgres's {@code array_cmp}: element by element (a NULL element after any other), then
 * the shorter first, then fewer dimensions, then dimension by dimension. Equality and hash agree
 * with that order (1 = 1.0 across element types, as {@link Values#compare}).
 */
public final class SqlArray implements Comparable<SqlArray> {
    private final Object[] elements;
    /** The lengths of a multi-dimensional array (two or more); null for one dimension (or none). */
    private final int[] shape;

    private SqlArray(Object[] elements) {
        this(elements, null);
    }

    private SqlArray(Object[] elements, int[] shape) {
        this.elements = elements;
        this.shape = shape;
    }

    /**
     * An array of {@code dims} (each at least 1; their product is the number of elements) over
     * row-major {@code elements}; one dimension gives a plain array.
     */
    public static SqlArray ofShape(int[] dims, Object[] elements) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n != elements.length) {
            throw new IllegalArgumentException("dimensions " + java.util.Arrays.toString(dims) + " do not hold "
                    + elements.length + " elements");
        }
        return dims.length > 1 && elements.length > 0 ? new SqlArray(elements.clone(), dims.clone())
                : new SqlArray(elements.clone());
    }

    /** The length of each dimension: none for an empty array, one for a plain array. */
    public int[] dims() {
        return shape != null ? shape.clone() : elements.length == 0 ? new int[0] : new int[]{elements.length};
    }

    public int ndims() {
        return shape != null ? shape.length : elements.length == 0 ? 0 : 1;
    }

    /** The elements as nested lists, one level per dimension ({@code {{1,2},{3,4}}}: [[1, 2], [3, 4]]). */
    public List<Object> nested() {
        int[] dims = dims();
        if (dims.length <= 1) {
            return asList();
        }
        int[] next = {0};
        return nestLevel(dims, 0, next);
    }

    private List<Object> nestLevel(int[] dims, int depth, int[] next) {
        List<Object> out = new java.util.ArrayList<>(dims[depth]);
        for (int i = 0; i < dims[depth]; i++) {
            out.add(depth == dims.length - 1 ? elements[next[0]++] : nestLevel(dims, depth + 1, next));
        }
        return out;
    }

    /** The same shape over other elements (as many), e.g. after converting each element. */
    public SqlArray withElements(Object[] converted) {
        return new SqlArray(converted.clone(), shape);
    }

    public static SqlArray of(Object... elements) {
        return new SqlArray(elements.clone());
    }

    public static SqlArray of(List<?> elements) {
        return new SqlArray(elements.toArray());
    }

    public int length() {
        return elements.length;
    }

    /** The 0-based {@code i}-th element. */
    public Object get(int i) {
        return elements[i];
    }

    /** A copy of the elements. */
    public Object[] elements() {
        return elements.clone();
    }

    public List<Object> asList() {
        return Arrays.asList(elements.clone());
    }

    public SqlArray concat(SqlArray other) {
        Object[] out = Arrays.copyOf(elements, elements.length + other.elements.length);
        System.arraycopy(other.elements, 0, out, elements.length, other.elements.length);
        return new SqlArray(out);
    }

    @Override
    public int compareTo(SqlArray o) {
        int c = compareElements(elements, o.elements);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(elements.length, o.elements.length);
        if (c != 0 || shape == null && o.shape == null) {
            return c;
        }
        int[] x = dims();
        int[] y = o.dims();
        return x.length != y.length ? Integer.compare(x.length, y.length) : java.util.Arrays.compare(x, y);
    }

    /**
     * The first difference of two element lists, in their common length, as PostgreSQL's array and
     * record comparisons order them: element by element, NULL after every value, NULLs equal.
     */
    static int compareElements(Object[] x, Object[] y) {
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            Object a = x[i];
            Object b = y[i];
            if (a == null || b == null) {
                if (a != b) {
                    return a == null ? 1 : -1;
                }
                continue;
            }
            int c = Values.compare(a, b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Whether some element equals {@code v} (for {@code @>}, {@code &&}): NULL elements never do. */
    public boolean containsElement(Object v) {
        for (Object e : elements) {
            if (e != null && Values.compare(e, v) == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlArray a && compareTo(a) == 0;
    }

    @Override
    public int hashCode() {
        int h = shape == null ? elements.length : java.util.Arrays.hashCode(shape);
        for (Object v : elements) {
            h = 31 * h + elementHash(v);
        }
        return h;
    }

    private static int elementHash(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == 0 ? 0 : Double.hashCode(d);
        }
        if (v instanceof float[] f) {
            return Arrays.hashCode(f);
        }
        return v.hashCode();
    }

    /** The text form, as Postgres prints it: {@code {1,2,NULL,"a b"}}. */
    @Override
    public String toString() {
        return ArrayText.format(this);
    }
}

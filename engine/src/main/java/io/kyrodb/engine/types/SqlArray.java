package io.kyrodb.engine.types;

import java.util.Arrays;
import java.util.List;

/**
 * A one-dimensional SQL array value (lower bound 1): its elements, each a value of the array
 * type's element type or null. Immutable. Order as Postgres's {@code array_cmp}: element by
 * element (a NULL element after any other), then the shorter first. Equality and hash agree with
 * that order (1 = 1.0 across element types, as {@link Values#compare}).
 */
public final class SqlArray implements Comparable<SqlArray> {
    private final Object[] elements;

    private SqlArray(Object[] elements) {
        this.elements = elements;
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
        int n = Math.min(elements.length, o.elements.length);
        for (int i = 0; i < n; i++) {
            Object a = elements[i];
            Object b = o.elements[i];
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
        return Integer.compare(elements.length, o.elements.length);
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
        int h = elements.length;
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

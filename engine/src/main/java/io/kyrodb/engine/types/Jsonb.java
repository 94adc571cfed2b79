package io.kyrodb.engine.types;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code jsonb} value, normalized as Postgres stores it: object keys unique (the last duplicate
 * wins) and ordered shorter first, then by bytes; numbers as exact decimals; insignificant white
 * space gone. The tree is built of {@link #NULL}, {@link String}, {@link BigDecimal},
 * {@link Boolean}, {@link List} (arrays) and {@link Map} (objects, in key order), all immutable.
 * Text form with Postgres's spacing: {@code {"a": 1, "b": [1, 2]}}. Order as Postgres's
 * {@code jsonb_cmp}: null &lt; string &lt; number &lt; boolean &lt; array &lt; object; arrays and
 * objects first by size, then element by element (objects key, value, key, value ...), with
 * Postgres's quirk for top-level scalars ({@link #compareTo}).
 */
public final class Jsonb implements Comparable<Jsonb> {
    /** JSON's {@code null} inside a tree (SQL NULL is a Java null outside of it). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** jsonb's key order: byte length, then bytes (UTF-8). */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    };

    private final Object root;
    private String text;

    private Jsonb(Object root) {
        this.root = root;
    }

    /** A jsonb of a tree made of the classes above (maps are re-sorted into key order). */
    public static Jsonb of(Object tree) {
        return new Jsonb(normalize(tree));
    }

    public static Jsonb parse(String text) {
        return new Jsonb(JsonbParser.parse(text));
    }

    public Object root() {
        return root;
    }

    /** {@code object}, {@code array}, {@code string}, {@code number}, {@code boolean} or {@code null}. */
    public static String typeOf(Object v) {
        return switch (v) {
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            case String s -> "string";
            case BigDecimal d -> "number";
            case Boolean b -> "boolean";
            default -> "null";
        };
    }

    @SuppressWarnings("unchecked")
    private static Object normalize(Object v) {
        return switch (v) {
            case null -> NULL;
            case Map<?, ?> m -> {
                TreeMap<String, Object> sorted = new TreeMap<>(KEY_ORDER);
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sorted.put((String) e.getKey(), normalize(e.getValue()));
                }
                yield Collections.unmodifiableMap(sorted);
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (Object x : l) {
                    out.add(normalize(x));
                }
                yield Collections.unmodifiableList(out);
            }
            default -> v;
        };
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            StringBuilder sb = new StringBuilder();
            write(sb, root);
            text = t = sb.toString();
        }
        return t;
    }

    /** The text of one tree value, as jsonb prints it. */
    public static String toText(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        switch (v) {
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        sb.append(", ");
                    }
                    first = false;
                    quote(sb, (String) e.getKey());
                    sb.append(": ");
                    write(sb, e.getValue());
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(sb, l.get(i));
                }
                sb.append(']');
            }
            case String s -> quote(sb, s);
            case BigDecimal d -> sb.append(d.toPlainString());
            case Boolean b -> sb.append(b ? "true" : "false");
            default -> sb.append("null");
        }
    }

    /** A JSON string literal with Postgres's escapes ({@code escape_json}). */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Postgres stores a top-level scalar as a one-element "raw scalar" array, so at the top level a
     * scalar compares with arrays by element count first (so {@code true > []} and {@code 5 < [1, 2]}),
     * then below a real array of one element.
     */
    @Override
    public int compareTo(Jsonb o) {
        Object a = root;
        Object b = o.root;
        if (a instanceof Map<?, ?> || b instanceof Map<?, ?>) {
            return compareValues(a, b);
        }
        int na = a instanceof List<?> l ? l.size() : 1;
        int nb = b instanceof List<?> l ? l.size() : 1;
        if (na != nb) {
            return Integer.compare(na, nb);
        }
        boolean rawA = !(a instanceof List<?>);
        boolean rawB = !(b instanceof List<?>);
        if (rawA != rawB) {
            return rawA ? -1 : 1;
        }
        return compareValues(a, b);
    }

    public static int compareValues(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (a) {
            case String s -> Values.compareCodePoints(s, (String) b);
            case BigDecimal d -> d.compareTo((BigDecimal) b);
            case Boolean x -> Boolean.compare(x, (Boolean) b);
            case List<?> x -> {
                List<?> y = (List<?>) b;
                if (x.size() != y.size()) {
                    yield Integer.compare(x.size(), y.size());
                }
                for (int i = 0; i < x.size(); i++) {
                    int c = compareValues(x.get(i), y.get(i));
                    if (c != 0) {
                        yield c;
                    }
                }
                yield 0;
            }
            case Map<?, ?> x -> {
                Map<?, ?> y = (Map<?, ?>) b;
                if (x.size() != y.size()) {
                    yield Integer.compare(x.size(), y.size());
                }
                var i = x.entrySet().iterator();
                var j = y.entrySet().iterator();
                while (i.hasNext()) {
                    var e = i.next();
                    var f = j.next();
                    // pairs in storage order (KEY_ORDER), but keys compared as text, as jsonb_cmp does
                    int c = Values.compareCodePoints((String) e.getKey(), (String) f.getKey());
                    if (c == 0) {
                        c = compareValues(e.getValue(), f.getValue());
                    }
                    if (c != 0) {
                        yield c;
                    }
                }
                yield 0;
            }
            default -> 0;
        };
    }

    private static int rank(Object v) {
        return switch (v) {
            case String s -> 1;
            case BigDecimal d -> 2;
            case Boolean b -> 3;
            case List<?> l -> 4;
            case Map<?, ?> m -> 5;
            default -> 0;
        };
    }

    /** {@code a @> b}: Postgres's containment (arrays contain elements in any order, scalars equal). */
    public static boolean contains(Object a, Object b) {
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            for (Map.Entry<?, ?> e : y.entrySet()) {
                Object v = x.get(e.getKey());
                if (v == null || !containsNested(v, e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (Object want : y) {
                boolean found = false;
                for (Object have : x) {
                    if (containsNested(have, want)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && !(b instanceof Map<?, ?>) && !(b instanceof List<?>)) {
            // a top-level array contains a scalar that is one of its elements
            for (Object have : x) {
                if (!(have instanceof List<?>) && !(have instanceof Map<?, ?>) && compareValues(have, b) == 0) {
                    return true;
                }
            }
            return false;
        }
        return rank(a) == rank(b) && !(a instanceof List<?>) && !(a instanceof Map<?, ?>) && compareValues(a, b) == 0;
    }

    /** Containment below the top level: a nested array does not contain a bare scalar. */
    private static boolean containsNested(Object a, Object b) {
        if (a instanceof List<?> && !(b instanceof List<?>)) {
            return false;
        }
        return contains(a, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jsonb j && compareTo(j) == 0;
    }

    @Override
    public int hashCode() {
        return hash(root);
    }

    private static int hash(Object v) {
        return switch (v) {
            case Map<?, ?> m -> {
                int h = 7;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    h = 31 * (31 * h + e.getKey().hashCode()) + hash(e.getValue());
                }
                yield h;
            }
            case List<?> l -> {
                int h = 11;
                for (Object x : l) {
                    h = 31 * h + hash(x);
                }
                yield h;
            }
            case BigDecimal d -> d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
            default -> v.hashCode();
        };
    }
}

package io.kyrodb.tck.crash;

import java.util.Comparator;
import java.util.List;

/**
 * The oracle's view of SQL values, written independently of the engine: the Java types JDBC's
 * {@code getObject} returns (Long, Integer, Short, Double, Float, Boolean, String, or null), how to
 * write them as SQL literals, and the orders PostgreSQL's "C" collation gives them.
 */
final class SqlValues {
    private SqlValues() {
    }

    /** Compares two non-null values of the same column type as SQL does; text by code point. */
    static int compare(Object a, Object b) {
        return switch (a) {
            case Long x -> Long.compare(x, ((Number) b).longValue());
            case Integer x -> Long.compare(x, ((Number) b).longValue());
            case Short x -> Long.compare(x, ((Number) b).longValue());
            case Double x -> Double.compare(x, ((Number) b).doubleValue());
            case Float x -> Double.compare(x, ((Number) b).doubleValue());
            case Boolean x -> Boolean.compare(x, (Boolean) b);
            case String x -> compareCodePoints(x, (String) b);
            default -> throw new IllegalArgumentException("not a SQL value: " + a.getClass());
        };
    }

    /** Text order of the "C" collation: by Unicode code point (not by UTF-16 unit, as String.compareTo). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** A total order on rows of any types (nulls first, then by type, then by value), for sorting. */
    static final Comparator<List<Object>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareAny(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    /** Primary keys of one table: same types position by position, never null. */
    static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private static int compareAny(Object a, Object b) {
        if (a == null || b == null) {
            return Boolean.compare(a != null, b != null);
        }
        if (a.getClass() != b.getClass()) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        return compare(a, b);
    }

    /** {@code value} as a SQL literal (text quoted with '' doubled). */
    static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String s -> "'" + s.replace("'", "''") + "'";
            case Boolean b -> b ? "TRUE" : "FALSE";
            case Long l when l == Long.MIN_VALUE -> "(-9223372036854775807 - 1)";
            case Double d -> {
                String s = Double.toString(d);
                yield d < 0 ? "(" + s + ")" : s;
            }
            case Float f -> {
                String s = Float.toString(f);
                yield f < 0 ? "(" + s + ")" : s;
            }
            case Number n -> n.longValue() < 0 ? "(" + n + ")" : n.toString();
            default -> throw new IllegalArgumentException("not a SQL value: " + value.getClass());
        };
    }

    /** How a value shows in a failure message: strings quoted with their escapes visible. */
    static String show(Object value) {
        if (value instanceof String s) {
            StringBuilder b = new StringBuilder("'");
            s.codePoints().forEach(cp -> {
                if (cp < 0x20 || cp == 0x7f) {
                    b.append(String.format("\\u%04x", cp));
                } else {
                    b.appendCodePoint(cp);
                }
            });
            return b.append('\'').toString();
        }
        return String.valueOf(value);
    }

    /** Length in characters (code points), as SQL counts it. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}

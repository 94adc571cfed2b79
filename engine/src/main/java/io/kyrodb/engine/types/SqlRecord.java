package io.kyrodb.engine.types;

import java.util.Arrays;
import java.util.List;

/**
 * A row value ({@code record}): {@code ROW(1, 'a')}, {@code (a, b)} or a FROM item's whole row
 * ({@code SELECT t FROM t}). Its fields' values, and their names ({@code f1, f2, ...} for a row
 * constructor, the columns for a whole row), shared by every value of one expression. Never stored
 * in a table. Immutable.
 * <p>
 * Order, equality and hash follow PostgreSQL's {@code record_cmp}: field by field, a NULL field after
 * any value; names take no part. The text form is PostgreSQL's {@code record_out}: {@code (1,a)},
 * a NULL field empty, a field quoted when empty or holding a quote, backslash, parenthesis, comma or
 * white space ({@code (1,"a b","")}), with quotes and backslashes doubled inside.
 */
public final class SqlRecord implements Comparable<SqlRecord> {
    private final List<String> names;
    private final Object[] values;

    public SqlRecord(List<String> names, Object[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names for " + values.length + " fields");
        }
        this.names = names;
        this.values = values;
    }

    /** {@code f1, f2, ...}: the field names of a row constructor, as PostgreSQL names them. */
    public static List<String> anonymousNames(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = "f" + (i + 1);
        }
        return List.of(out);
    }

    public int size() {
        return values.length;
    }

    public Object get(int i) {
        return values[i];
    }

    public List<String> names() {
        return names;
    }

    @Override
    public int compareTo(SqlRecord o) {
        int c = SqlArray.compareElements(values, o.values);
        return c != 0 ? c : Integer.compare(values.length, o.values.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlRecord r && compareTo(r) == 0;
    }

    @Override
    public int hashCode() {
        int h = values.length;
        for (Object v : values) {
            h = 31 * h + (v == null ? 0 : v instanceof Number n ? (n.doubleValue() == 0 ? 0 : Double.hashCode(n.doubleValue()))
                    : v instanceof float[] f ? Arrays.hashCode(f) : v.hashCode());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values[i];
            if (v == null) {
                continue;
            }
            String text = v instanceof Boolean b ? (b ? "t" : "f") : Values.toText(v);   // boolout's t/f
            appendField(sb, text);
        }
        return sb.append(')').toString();
    }

    private static void appendField(StringBuilder sb, String text) {
        boolean quote = text.isEmpty();
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || Character.isWhitespace(c);
        }
        if (!quote) {
            sb.append(text);
            return;
        }
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append(c);
            }
            sb.append(c);
        }
        sb.append('"');
    }
}

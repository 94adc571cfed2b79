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
 * (one dimension, lower bound 1). NULL elements compare equal to a NULL argument here, as in
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
    FILL;

    /** Array sizes past Postgres's limit (MaxArraySize) fail with 54000, as there. */
    private static final int MAX_ELEMENTS = 134_217_727;

    @Override
    public boolean strict() {
        return false;
    }

    @Override
    public Object apply(Object[] a, SqlType type) {
        return switch (this) {
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
            case FILL -> {
                if (a[1] == null || a.length > 2 && a[2] == null) {
                    throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "dimension array or low bound array cannot be null");
                }
                yield fill(a[0], (SqlArray) a[1], a.length > 2 ? (SqlArray) a[2] : null);
            }
        };
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

    private static SqlArray fill(Object value, SqlArray dims, SqlArray lowerBounds) {
        if (dims.length() != 1 || dims.get(0) == null) {
            throw new KyroException(dims.length() > 1 ? SqlState.INVALID_PARAMETER_VALUE : SqlState.NULL_VALUE_NOT_ALLOWED,
                    dims.length() > 1 ? "array_fill with " + dims.length() + " dimensions: KyroDB's arrays have one dimension"
                            : "dimension values cannot be null");
        }
        if (lowerBounds != null && (lowerBounds.length() != 1 || !Integer.valueOf(1).equals(lowerBounds.get(0)))) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "array_fill with lower bounds other than 1:"
                    + " KyroDB's arrays start at 1");
        }
        int n = ((Number) dims.get(0)).intValue();
        if (n < 0 || n > MAX_ELEMENTS) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed ("
                    + MAX_ELEMENTS + ")");
        }
        Object[] out = new Object[n];
        java.util.Arrays.fill(out, value);
        return SqlArray.of(out);
    }
}
